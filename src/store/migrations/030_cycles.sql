-- Apportionment cycles. Cases enter from claims (cycle_cases is the hand-off); each cycle freezes its
-- cases and its sharing members at the announcement, records every member's share, and keeps its
-- disclosure forever. The sum root over the shares is published and logged.

CREATE TABLE cycle_cases (
  case_id      bigserial PRIMARY KEY,
  plan_id      text NOT NULL REFERENCES plans (plan_id),
  member_id    bigint NOT NULL,
  event        text NOT NULL,
  benefit_fen  bigint NOT NULL CHECK (benefit_fen > 0),
  decided_on   date NOT NULL,
  cycle_id     bigint,
  paid         boolean NOT NULL DEFAULT false
);
CREATE INDEX cycle_cases_pending ON cycle_cases (plan_id, decided_on) WHERE cycle_id IS NULL;

CREATE TABLE cycles (
  cycle_id         bigserial PRIMARY KEY,
  plan_id          text NOT NULL REFERENCES plans (plan_id),
  announced_on     date NOT NULL,
  collect_on       date NOT NULL,
  rule_version     date NOT NULL,
  status           text NOT NULL CHECK (status IN ('announced', 'collected', 'disclosed')),
  disclosure       jsonb NOT NULL,
  share_root       bytea,
  share_count      bigint,
  share_total_fen  bigint,
  UNIQUE (plan_id, announced_on)
);

CREATE TABLE cycle_shares (
  cycle_id   bigint NOT NULL REFERENCES cycles (cycle_id),
  member_id  bigint NOT NULL,
  pseudonym  text NOT NULL,
  weight     text NOT NULL,
  share_fen  bigint NOT NULL CHECK (share_fen >= 0),
  status     text NOT NULL CHECK (status IN ('due', 'collected', 'failed')),
  PRIMARY KEY (cycle_id, member_id)
);
CREATE INDEX cycle_shares_member ON cycle_shares (member_id);
