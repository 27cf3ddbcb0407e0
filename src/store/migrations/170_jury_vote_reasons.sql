-- Issue 18: a juror gives a reason with the vote (the seeds: jurors 投票、讨论、评议, vote and deliberate).
-- Free text, so sealed like the investigators' findings; votes cast before this have none.
ALTER TABLE jury_votes ADD COLUMN reason_cipher bytea;
