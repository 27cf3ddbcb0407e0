-- Core: members and families, staff and sessions, audit trail, idempotency, plans and participations.
-- Member-scoped tables carry member_id (the Citus distribution column); plan-wide tables are small.

CREATE TABLE members (
  member_id      bigserial PRIMARY KEY,
  kind           text NOT NULL CHECK (kind IN ('member', 'dependant')),
  guardian_id    bigint REFERENCES members (member_id),
  relation       text CHECK (relation IN ('child', 'parent', 'spouse')),
  id_lookup      bytea NOT NULL UNIQUE,           -- HMAC-SHA256 of the resident ID: one person, one account
  id_cipher      bytea NOT NULL,                  -- AES-256-GCM
  id_masked      text NOT NULL,
  name_cipher    bytea NOT NULL,
  name_masked    text NOT NULL,
  mobile_lookup  bytea UNIQUE,
  mobile_cipher  bytea,
  mobile_masked  text,
  birth_date     date NOT NULL,
  sex            text NOT NULL CHECK (sex IN ('male', 'female')),
  pseudonym      text NOT NULL UNIQUE,            -- how the public log names this member
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'member') = (guardian_id IS NULL)),
  CHECK (kind = 'dependant' OR mobile_lookup IS NOT NULL)
);
CREATE INDEX members_guardian ON members (guardian_id) WHERE guardian_id IS NOT NULL;

CREATE TABLE consents (
  consent_id    bigserial PRIMARY KEY,
  member_id     bigint NOT NULL REFERENCES members (member_id),
  given_by      bigint NOT NULL REFERENCES members (member_id),
  text_version  text NOT NULL,
  given_at      timestamptz NOT NULL
);

CREATE TABLE staff (
  staff_id       bigserial PRIMARY KEY,
  username       text NOT NULL UNIQUE,
  password_hash  text NOT NULL,
  roles          text[] NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  token_hash      bytea PRIMARY KEY,              -- SHA-256 of the bearer token; the token itself is never stored
  principal_kind  text NOT NULL CHECK (principal_kind IN ('member', 'staff')),
  principal_id    bigint NOT NULL,
  roles           text[] NOT NULL,
  expires_at      timestamptz NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE otp_codes (
  otp_id         bigserial PRIMARY KEY,
  mobile_lookup  bytea NOT NULL,
  code_hash      bytea NOT NULL,
  expires_at     timestamptz NOT NULL,
  attempts       int NOT NULL DEFAULT 0,
  used           boolean NOT NULL DEFAULT false
);
CREATE INDEX otp_codes_mobile ON otp_codes (mobile_lookup, expires_at DESC);

CREATE TABLE login_attempts (
  bucket  text NOT NULL,
  at      timestamptz NOT NULL
);
CREATE INDEX login_attempts_bucket ON login_attempts (bucket, at);

CREATE TABLE sms_outbox (
  sms_id         bigserial PRIMARY KEY,
  mobile_lookup  bytea NOT NULL,
  mobile_masked  text NOT NULL,
  mobile_cipher  bytea NOT NULL,
  body           text NOT NULL,
  status         text NOT NULL CHECK (status IN ('sent', 'failed')),
  created_at     timestamptz NOT NULL
);

CREATE TABLE audit_trail (
  audit_id    bigserial PRIMARY KEY,
  actor_kind  text NOT NULL,
  actor_id    bigint NOT NULL,
  action      text NOT NULL,
  target      text,
  detail      jsonb NOT NULL DEFAULT '{}',
  at          timestamptz NOT NULL
);

CREATE TABLE idempotency_keys (
  principal   text NOT NULL,
  key         text NOT NULL,
  method      text NOT NULL,
  route       text NOT NULL,
  body_hash   bytea NOT NULL,
  state       text NOT NULL CHECK (state IN ('pending', 'done')),
  status      int,
  response    jsonb,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (principal, key)
);

-- Plans: rule versions are immutable once stored (a change is a new version).
CREATE TABLE plans (
  plan_id     text PRIMARY KEY,
  name        text NOT NULL,
  status      text NOT NULL CHECK (status IN ('draft', 'consultation', 'active', 'closing', 'closed')),
  document    jsonb NOT NULL,                  -- the plan document's metadata (sources, silent, assumptions)
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rule_versions (
  plan_id      text NOT NULL REFERENCES plans (plan_id),
  effective    date NOT NULL,
  rules        jsonb NOT NULL,                 -- the full rules input of this version (patches resolved)
  summary      text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (plan_id, effective)
);

CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END $$;
CREATE TRIGGER rule_versions_append_only BEFORE UPDATE OR DELETE ON rule_versions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE invitation_codes (
  plan_id    text NOT NULL REFERENCES plans (plan_id),
  code       text NOT NULL,
  issued_by  bigint REFERENCES members (member_id),
  PRIMARY KEY (plan_id, code)
);

CREATE TABLE participations (
  participation_id     bigserial PRIMARY KEY,
  member_id            bigint NOT NULL REFERENCES members (member_id),
  plan_id              text NOT NULL REFERENCES plans (plan_id),
  tier                 text NOT NULL,
  joined_on            date NOT NULL,
  covered_from         date NOT NULL,          -- the first day after the shortest waiting period
  rule_version         date NOT NULL,          -- the version in force on the join date
  status               text NOT NULL CHECK (status IN ('active', 'suspended', 'ended')),
  suspended_on         date,
  ended_on             date,
  end_reason           text,
  declaration          jsonb NOT NULL DEFAULT '{}',
  declaration_version  text,
  invitation_code      text,
  share_mode           text NOT NULL DEFAULT 'auto' CHECK (share_mode IN ('auto', 'confirm', 'auto_limit')),
  share_limit_fen      bigint CHECK (share_limit_fen IS NULL OR share_limit_fen >= 0),
  created_at           timestamptz NOT NULL DEFAULT now(),
  CHECK ((status = 'ended') = (ended_on IS NOT NULL)),
  CHECK (share_mode <> 'auto_limit' OR share_limit_fen IS NOT NULL)
);
CREATE UNIQUE INDEX participations_one_open ON participations (member_id, plan_id) WHERE status <> 'ended';
CREATE INDEX participations_plan ON participations (plan_id, status);

CREATE TABLE participation_events (
  event_id          bigserial PRIMARY KEY,
  participation_id  bigint NOT NULL REFERENCES participations (participation_id),
  member_id         bigint NOT NULL,
  kind              text NOT NULL,             -- joined, suspended, resumed, ended, transferred
  on_date           date NOT NULL,
  reason            text,
  at                timestamptz NOT NULL
);
CREATE INDEX participation_events_member ON participation_events (member_id);
