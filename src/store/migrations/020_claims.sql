-- Claims (domain.md §4): the claim, every transition (append-only), documents (content-addressed,
-- encrypted files under the data directory), investigation findings, objections, explanations, and the
-- jury: its published draw inputs, its jurors and their votes. Free text written about a person is
-- personal data and is stored encrypted, like the identity columns.

CREATE TABLE claims (
  claim_id               bigserial PRIMARY KEY,
  participation_id       bigint NOT NULL REFERENCES participations (participation_id),
  member_id              bigint NOT NULL REFERENCES members (member_id),
  plan_id                text NOT NULL REFERENCES plans (plan_id),
  event                  text NOT NULL,
  diagnosed_on           date NOT NULL,
  reported_on            date NOT NULL,
  after_death            boolean NOT NULL DEFAULT false,
  rule_version           date NOT NULL,          -- the version in force on the diagnosis date
  state                  text NOT NULL CHECK (state IN ('reported', 'documents', 'review', 'investigation',
                           'appeal', 'announcement', 'sharing', 'paid', 'rejected', 'withdrawn', 'lapsed')),
  description_cipher     bytea,
  documents_due_on       date NOT NULL,
  complexity             text CHECK (complexity IN ('clear', 'complex', 'veryComplex')),
  review_started_on      date,
  review_due_on          date,
  reviewer_id            bigint REFERENCES staff (staff_id),
  investigator_id        bigint REFERENCES staff (staff_id),
  decision               jsonb,                  -- the latest decision: approved, reason, explanation, amounts
  benefit_fen            bigint CHECK (benefit_fen IS NULL OR benefit_fen > 0),
  decided_on             date,
  appeal_due_on          date,
  appealed               boolean NOT NULL DEFAULT false,
  published_on           date,
  publicity_ends_on      date,
  explanation_requested  boolean NOT NULL DEFAULT false,
  case_id                bigint,                 -- the cycle_cases row once the case enters sharing
  deposit_fen            bigint NOT NULL DEFAULT 0 CHECK (deposit_fen >= 0),
  deposit_status         text NOT NULL DEFAULT 'none' CHECK (deposit_status IN ('none', 'held', 'refunded', 'forfeited')),
  created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX claims_member ON claims (member_id);
CREATE INDEX claims_state ON claims (plan_id, state);
-- one open claim per participation and event: a second report of the same illness is a duplicate
CREATE UNIQUE INDEX claims_one_open ON claims (participation_id, event)
  WHERE state NOT IN ('rejected', 'withdrawn', 'lapsed', 'paid');

CREATE TABLE claim_transitions (
  transition_id  bigserial PRIMARY KEY,
  claim_id       bigint NOT NULL REFERENCES claims (claim_id),
  from_state     text,
  to_state       text NOT NULL,
  action         text NOT NULL,
  actor_kind     text NOT NULL CHECK (actor_kind IN ('member', 'staff', 'system', 'jury')),
  actor_id       bigint,
  reason         text NOT NULL,
  rule_version   date NOT NULL,
  on_date        date NOT NULL,
  at             timestamptz NOT NULL
);
CREATE INDEX claim_transitions_claim ON claim_transitions (claim_id, transition_id);
CREATE TRIGGER claim_transitions_append_only BEFORE UPDATE OR DELETE ON claim_transitions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE claim_documents (
  claim_id       bigint NOT NULL REFERENCES claims (claim_id),
  sha256         text NOT NULL,                  -- of the plaintext: the file's address
  content_type   text NOT NULL,
  size_bytes     int NOT NULL,
  kind           text NOT NULL,
  uploaded_by    text NOT NULL,
  at             timestamptz NOT NULL,
  PRIMARY KEY (claim_id, sha256)
);

CREATE TABLE claim_findings (
  finding_id        bigserial PRIMARY KEY,
  claim_id          bigint NOT NULL REFERENCES claims (claim_id),
  investigator_id   bigint NOT NULL REFERENCES staff (staff_id),
  findings_cipher   bytea NOT NULL,
  opinion_cipher    bytea,                        -- the expert's opinion
  diagnosis_proven  boolean NOT NULL,
  pre_existing      boolean NOT NULL,
  false_claim       boolean NOT NULL,
  at                timestamptz NOT NULL
);
CREATE TRIGGER claim_findings_append_only BEFORE UPDATE OR DELETE ON claim_findings
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

CREATE TABLE claim_objections (
  objection_id    bigserial PRIMARY KEY,
  claim_id        bigint NOT NULL REFERENCES claims (claim_id),
  member_id       bigint NOT NULL REFERENCES members (member_id),
  grounds_cipher  bytea NOT NULL,
  at              timestamptz NOT NULL,
  resolved        boolean NOT NULL DEFAULT false,
  UNIQUE (claim_id, member_id, at)
);

CREATE TABLE claim_explanations (
  explanation_id  bigserial PRIMARY KEY,
  claim_id        bigint NOT NULL REFERENCES claims (claim_id),
  text_cipher     bytea NOT NULL,
  at              timestamptz NOT NULL
);

CREATE TABLE juries (
  claim_id            bigint PRIMARY KEY REFERENCES claims (claim_id),
  seed                text NOT NULL,
  log_size            bigint NOT NULL,
  log_root            text NOT NULL,
  candidates_count    int NOT NULL,
  candidates_digest   text NOT NULL,
  juror_count         int NOT NULL,
  overturn_above_bp   int NOT NULL,
  quorum              int NOT NULL,
  drawn_at            timestamptz NOT NULL,
  closes_at           timestamptz NOT NULL,
  outcome             text CHECK (outcome IN ('overturned', 'upheld', 'no_quorum')),
  in_favour           int,
  against             int,
  tallied_at          timestamptz
);

CREATE TABLE jurors (
  claim_id    bigint NOT NULL REFERENCES juries (claim_id),
  draw_order  int NOT NULL,
  member_id   bigint NOT NULL,
  pseudonym   text NOT NULL,
  PRIMARY KEY (claim_id, member_id),
  UNIQUE (claim_id, draw_order)
);

CREATE TABLE jury_votes (
  claim_id    bigint NOT NULL,
  member_id   bigint NOT NULL,
  in_favour   boolean NOT NULL,
  at          timestamptz NOT NULL,
  PRIMARY KEY (claim_id, member_id),
  FOREIGN KEY (claim_id, member_id) REFERENCES jurors (claim_id, member_id)
);
CREATE TRIGGER jury_votes_append_only BEFORE UPDATE OR DELETE ON jury_votes
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
