-- One objection per member per claim (issue 17). Earlier repeats stay as records, marked `repeated`,
-- outside the rule; the member-and-time index serves the objection rate limit.
ALTER TABLE claim_objections ADD COLUMN repeated boolean NOT NULL DEFAULT false;
UPDATE claim_objections o SET repeated = true
WHERE EXISTS (SELECT 1 FROM claim_objections e
              WHERE e.claim_id = o.claim_id AND e.member_id = o.member_id AND e.objection_id < o.objection_id);
CREATE UNIQUE INDEX claim_objections_once ON claim_objections (claim_id, member_id) WHERE NOT repeated;
CREATE INDEX claim_objections_member_at ON claim_objections (member_id, at);
