-- Issue 17: a plan's terms change only by the plan's own process. The versions of a plan document at
-- launch are its initial terms; after launch a rule version comes only from an adopted proposal.

-- The proposal a version was adopted by (NULL for the initial terms).
ALTER TABLE rule_versions ADD COLUMN proposal_id bigint REFERENCES proposals (proposal_id);

-- A draft's versions may still be edited; from consultation on they are fixed (the terms under
-- consultation are the ones launched).
CREATE FUNCTION rule_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  plan_status text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT status INTO plan_status FROM plans WHERE plan_id = NEW.plan_id;
    IF plan_status = 'draft' THEN RETURN NEW; END IF;
    IF NEW.proposal_id IS NULL OR NOT EXISTS (
         SELECT 1 FROM proposals WHERE proposal_id = NEW.proposal_id AND plan_id = NEW.plan_id) THEN
      RAISE EXCEPTION 'plan % is %: a new rule version needs an adopted proposal', NEW.plan_id, plan_status
        USING ERRCODE = 'P0001';
    END IF;
    RETURN NEW;
  END IF;
  SELECT status INTO plan_status FROM plans WHERE plan_id = OLD.plan_id;
  IF plan_status = 'draft' THEN
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
  END IF;
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'P0001';
END $$;
DROP TRIGGER rule_versions_append_only ON rule_versions;
CREATE TRIGGER rule_versions_append_only BEFORE INSERT OR UPDATE OR DELETE ON rule_versions
  FOR EACH ROW EXECUTE FUNCTION rule_versions_guard();

-- The day consultation began (a charter may ask a number of days of it before launch).
ALTER TABLE plans ADD COLUMN consultation_on date;

-- The day the watch last counted a plan (the scheduler counts each plan once a day).
ALTER TABLE plan_watch ADD COLUMN checked_on date;

-- Plans launched before this migration: their launch entry, with the versions they had as initial terms
-- (no digests: the log's own rule_version entries hold them), so `huzhu audit` can tell them apart.
INSERT INTO log_outbox (kind, entry)
SELECT 'plan_status', jsonb_build_object(
         'plan', p.plan_id, 'status', 'active', 'backfilled', true,
         'terms', (SELECT jsonb_agg(jsonb_build_object('effective', v.effective::text) ORDER BY v.effective)
                   FROM rule_versions v WHERE v.plan_id = p.plan_id))
FROM plans p WHERE p.status IN ('active', 'closing', 'closed') ORDER BY p.plan_id;
