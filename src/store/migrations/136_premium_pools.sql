-- Issue 17: Friendsurance's premium pools (funding mode premiumPool). A member is in one group of the
-- plan (at most groupSizeMax members still in the plan); each premium credits the group's pool in the
-- ledger (plan:{plan}:group:{n}:pool); a claim is paid from its group's pool, the rest by the insurer;
-- at the year's end an unused pool is returned to those who paid into it, a used one carried on.

CREATE TABLE pool_members (
  participation_id bigint PRIMARY KEY REFERENCES participations (participation_id),
  plan_id          text NOT NULL REFERENCES plans (plan_id),
  group_no         integer NOT NULL CHECK (group_no >= 1),
  joined_on        date NOT NULL
);
CREATE INDEX pool_members_group ON pool_members (plan_id, group_no);

-- What each member paid for a year, and its split (the pool's part is what the year's end returns).
CREATE TABLE pool_premiums (
  participation_id bigint NOT NULL REFERENCES pool_members (participation_id),
  year             integer NOT NULL,
  paid_on          date NOT NULL,
  premium_fen      bigint NOT NULL CHECK (premium_fen >= 0),
  pool_fen         bigint NOT NULL CHECK (pool_fen >= 0),
  insurer_fen      bigint NOT NULL CHECK (insurer_fen >= 0),
  CHECK (pool_fen + insurer_fen = premium_fen),
  PRIMARY KEY (participation_id, year)
);

-- A case paid from its group's pool (and by the insurer beyond it), on the day it entered.
CREATE TABLE pool_claims (
  case_id          bigint PRIMARY KEY REFERENCES cycle_cases (case_id),
  plan_id          text NOT NULL,
  group_no         integer NOT NULL,
  year             integer NOT NULL,
  paid_on          date NOT NULL,
  from_pool_fen    bigint NOT NULL CHECK (from_pool_fen >= 0),
  from_insurer_fen bigint NOT NULL CHECK (from_insurer_fen >= 0)
);
CREATE INDEX pool_claims_group ON pool_claims (plan_id, group_no, year);

-- Each group's year's end, once: what was returned and what was carried into the next year.
CREATE TABLE pool_year_ends (
  plan_id      text NOT NULL REFERENCES plans (plan_id),
  group_no     integer NOT NULL,
  year         integer NOT NULL,
  closed_on    date NOT NULL,
  returned_fen bigint NOT NULL CHECK (returned_fen >= 0),
  carried_fen  bigint NOT NULL CHECK (carried_fen >= 0),
  PRIMARY KEY (plan_id, group_no, year)
);

CREATE FUNCTION pool_rows_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER pool_members_append_only BEFORE UPDATE OR DELETE ON pool_members
  FOR EACH ROW EXECUTE FUNCTION pool_rows_append_only();
CREATE TRIGGER pool_premiums_append_only BEFORE UPDATE OR DELETE ON pool_premiums
  FOR EACH ROW EXECUTE FUNCTION pool_rows_append_only();
CREATE TRIGGER pool_claims_append_only BEFORE UPDATE OR DELETE ON pool_claims
  FOR EACH ROW EXECUTE FUNCTION pool_rows_append_only();
CREATE TRIGGER pool_year_ends_append_only BEFORE UPDATE OR DELETE ON pool_year_ends
  FOR EACH ROW EXECUTE FUNCTION pool_rows_append_only();
