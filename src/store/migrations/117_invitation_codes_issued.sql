-- Invitation codes (issue 17): issued by staff or by a member sharing in the plan, each used once, at a
-- join. Codes inserted before this migration have no issuer or date and stay usable once.
ALTER TABLE invitation_codes
  ADD COLUMN issued_by_staff  bigint REFERENCES staff (staff_id),
  ADD COLUMN issued_at        timestamptz,
  ADD COLUMN used_by          bigint REFERENCES members (member_id),
  ADD COLUMN used_at          timestamptz;
CREATE INDEX invitation_codes_member ON invitation_codes (issued_by) WHERE issued_by IS NOT NULL;
