-- Governance: the charter beside the rules, proposals through co-deliberation, members' ballots (the
-- last ballot of a member counts; every ballot is in the transparency log), and notifications: an inbox
-- of member rows plus plan-wide broadcasts, with each member's delivery preferences.

CREATE TABLE plan_charters (
  plan_id     text NOT NULL REFERENCES plans (plan_id),
  effective   date NOT NULL,
  charter     jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, effective)
);
CREATE TRIGGER plan_charters_append_only BEFORE UPDATE OR DELETE ON plan_charters
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE proposals (
  proposal_id       bigserial PRIMARY KEY,
  plan_id           text NOT NULL REFERENCES plans (plan_id),
  kind              text NOT NULL CHECK (kind IN ('change', 'dissolution')),
  title             text NOT NULL,
  body              text NOT NULL,
  changes           jsonb,                       -- a rules patch, as in a plan document's versions
  diff              jsonb NOT NULL DEFAULT '[]',
  change_class      text NOT NULL CHECK (change_class IN ('ordinary', 'benefitReduction', 'feeIncrease', 'dissolution')),
  class_reasons     jsonb NOT NULL DEFAULT '[]',
  proposer          text NOT NULL,               -- "member:<pseudonym>" or "staff:<id>"
  state             text NOT NULL CHECK (state IN ('submitted', 'accepted', 'declined', 'published', 'passed', 'failed', 'adopted', 'withdrawn')),
  charter_effective date,
  published_on      date,
  effective_on      date,
  notice_ends_on    date,
  vote_required     boolean NOT NULL DEFAULT false,
  voting_closes_on  date,
  vote_rule         jsonb,
  quorum_percent    numeric,
  eligible_count    bigint,
  tally             jsonb,
  adopted_version   date,
  created_at        timestamptz NOT NULL
);
CREATE INDEX proposals_plan ON proposals (plan_id, proposal_id);

CREATE TABLE proposal_events (
  event_id     bigserial PRIMARY KEY,
  proposal_id  bigint NOT NULL REFERENCES proposals (proposal_id),
  from_state   text,
  to_state     text NOT NULL,
  action       text NOT NULL,
  actor        text NOT NULL,
  reason       text NOT NULL,
  at           timestamptz NOT NULL
);
CREATE TRIGGER proposal_events_append_only BEFORE UPDATE OR DELETE ON proposal_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE proposal_evaluations (
  evaluation_id  bigserial PRIMARY KEY,
  proposal_id    bigint NOT NULL REFERENCES proposals (proposal_id),
  staff_id       bigint NOT NULL REFERENCES staff (staff_id),
  role           text NOT NULL CHECK (role IN ('operator', 'expert')),
  expert_name    text,
  recommend      boolean NOT NULL,
  opinion        text NOT NULL,
  at             timestamptz NOT NULL
);

CREATE TABLE proposal_comments (
  comment_id   bigserial PRIMARY KEY,
  proposal_id  bigint NOT NULL REFERENCES proposals (proposal_id),
  member_id    bigint NOT NULL REFERENCES members (member_id),
  pseudonym    text NOT NULL,
  text         text NOT NULL,
  at           timestamptz NOT NULL
);
CREATE INDEX proposal_comments_proposal ON proposal_comments (proposal_id, comment_id);

CREATE TABLE ballots (
  proposal_id  bigint NOT NULL REFERENCES proposals (proposal_id),
  member_id    bigint NOT NULL,
  seq          int NOT NULL,
  in_favour    boolean NOT NULL,
  at           timestamptz NOT NULL,
  PRIMARY KEY (proposal_id, member_id, seq)
);
CREATE TRIGGER ballots_append_only BEFORE UPDATE OR DELETE ON ballots
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE notifications (
  notification_id  bigserial PRIMARY KEY,
  member_id        bigint REFERENCES members (member_id),   -- NULL: a broadcast to the plan's members
  plan_id          text REFERENCES plans (plan_id),
  kind             text NOT NULL CHECK (kind IN ('proposal', 'vote', 'adopted_change', 'announcement', 'cycle_charge', 'plan_status', 'claim')),
  title            text NOT NULL,
  body             text NOT NULL,
  created_at       timestamptz NOT NULL,
  CHECK (member_id IS NOT NULL OR plan_id IS NOT NULL)
);
CREATE INDEX notifications_member ON notifications (member_id, notification_id) WHERE member_id IS NOT NULL;
CREATE INDEX notifications_plan ON notifications (plan_id, notification_id) WHERE member_id IS NULL;

CREATE TABLE notification_reads (
  member_id        bigint NOT NULL,
  notification_id  bigint NOT NULL REFERENCES notifications (notification_id),
  read_at          timestamptz NOT NULL,
  PRIMARY KEY (member_id, notification_id)
);

CREATE TABLE notification_preferences (
  member_id     bigint PRIMARY KEY REFERENCES members (member_id),
  sms           boolean NOT NULL DEFAULT false,
  email         boolean NOT NULL DEFAULT false,
  email_cipher  bytea,
  email_masked  text,
  kinds         text[] NOT NULL DEFAULT '{proposal,vote,adopted_change,announcement,cycle_charge,plan_status,claim}'
);

CREATE TABLE email_outbox (
  email_id       bigserial PRIMARY KEY,
  email_masked   text NOT NULL,
  email_cipher   bytea NOT NULL,
  subject        text NOT NULL,
  body           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('sent', 'failed')),
  created_at     timestamptz NOT NULL
);

CREATE TABLE plan_watch (
  plan_id     text PRIMARY KEY REFERENCES plans (plan_id),
  status      text NOT NULL CHECK (status IN ('ok', 'warning', 'below')),
  members     bigint NOT NULL,
  since       timestamptz NOT NULL
);
