-- A member's recorded death: an after-death claim (reported by an heir, domain.md §4.1) is accepted
-- only for a member recorded deceased, and the staff member who recorded it never also acts for the heir.
ALTER TABLE members ADD COLUMN died_on date;
ALTER TABLE members ADD COLUMN death_recorded_by bigint REFERENCES staff (staff_id);
ALTER TABLE members ADD CONSTRAINT members_death_recorded CHECK ((died_on IS NULL) = (death_recorded_by IS NULL));
-- A person's own words on a claim's move (an applicant's reason to withdraw) are personal data: kept
-- encrypted beside the transition (the reason column keeps the system's wording), read by the applicant
-- and the assigned staff only.
ALTER TABLE claim_transitions ADD COLUMN note_cipher bytea;
