-- Issue 18: a claim's step reasons and decision explanations carry a stable code and typed parameters
-- (src/domain/claim/reasons.ts) beside the English sentence, so the member app says them in the
-- member's language. The English stays for other clients.
ALTER TABLE claim_transitions ADD COLUMN reason_code text, ADD COLUMN reason_params jsonb;

-- Old rows: a code where the English maps back without doubt (the sentences the server wrote, matched
-- whole); anything else (a jury's tally followed by a decision, a wording this does not know) stays
-- NULL and the app shows the stored English. Dropped at the end: only this migration uses it.
CREATE FUNCTION reason_of_english_171(s text, act text) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  d constant text := '(\d{4}-\d{2}-\d{2})';
  n constant text := '(\d+)';
  m text[];
BEGIN
  IF act = 'investigate' THEN  -- the reviewer's own words are the whole reason
    RETURN jsonb_build_object('code', 'investigation_started', 'params', jsonb_build_object('text', s));
  END IF;
  IF s = 'documents submitted' THEN RETURN '{"code":"submitted","params":{}}'; END IF;
  IF s = 'assignment unchanged' THEN RETURN '{"code":"assignment_unchanged","params":{}}'; END IF;
  IF s = 'findings recorded' THEN RETURN '{"code":"findings_recorded","params":{}}'; END IF;
  IF s = 'objection during publicity; the applicant is asked to explain' THEN
    RETURN '{"code":"objected","params":{}}';
  END IF;
  IF s = 'the applicant explained' THEN RETURN '{"code":"explained","params":{}}'; END IF;
  IF s = 'withdrawn by the applicant' THEN RETURN '{"code":"withdrawn","params":{}}'; END IF;
  IF s = 'paid' THEN RETURN '{"code":"paid","params":{}}'; END IF;
  IF s = 'protection was suspended on the diagnosis date' THEN RETURN '{"code":"suspended","params":{}}'; END IF;
  IF s = 'the condition existed before joining, against the health declaration' THEN
    RETURN '{"code":"pre_existing","params":{}}';
  END IF;
  m := regexp_match(s, '^reported (after a death )?on ' || d || ', diagnosed on ' || d || ' \(deadline ' || d || '\)$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', CASE WHEN m[1] IS NULL THEN 'reported' ELSE 'reported_after_death' END,
      'params', jsonb_build_object('reportedOn', m[2], 'diagnosedOn', m[3], 'dueOn', m[4]));
  END IF;
  m := regexp_match(s, '^document (\S+) ([0-9a-f]{12})$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'document_uploaded', 'params', jsonb_build_object('kind', m[1], 'sha', m[2]));
  END IF;
  m := regexp_match(s, '^reviewer ' || n || '(, complexity (clear|complex|veryComplex))?$');
  IF m IS NOT NULL THEN
    IF m[2] IS NULL THEN
      RETURN jsonb_build_object('code', 'assigned_reviewer', 'params', jsonb_build_object('reviewerId', m[1]::int));
    END IF;
    RETURN jsonb_build_object('code', 'assigned_reviewer_complexity',
      'params', jsonb_build_object('reviewerId', m[1]::int, 'complexity', m[3]));
  END IF;
  m := regexp_match(s, '^complexity (clear|complex|veryComplex)$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'assigned_complexity', 'params', jsonb_build_object('complexity', m[1]));
  END IF;
  m := regexp_match(s, '^appeal of "(not_proven|false_claim|pre_existing)"; ' || n || ' jurors drawn$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'appealed', 'params', jsonb_build_object('refusal', m[1], 'jurors', m[2]::int));
  END IF;
  m := regexp_match(s, '^no documents submitted by ' || d || '$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'lapsed', 'params', jsonb_build_object('dueOn', m[1]));
  END IF;
  m := regexp_match(s, '^publicity ended on ' || d || ' without objection; case ' || n || ' enters the next cycle$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'shared', 'params', jsonb_build_object('publicityEndsOn', m[1], 'caseId', m[2]::int));
  END IF;
  m := regexp_match(s, '^paid in one sum by cycle ' || n || ' after collection on ' || d || '$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'paid_by_cycle', 'params', jsonb_build_object('cycleId', m[1]::int, 'collectOn', m[2]));
  END IF;
  m := regexp_match(s, '^' || n || ' votes cast, below the quorum of ' || n || ': the decision stands$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'jury_no_quorum', 'params', jsonb_build_object('cast', m[1]::int, 'quorum', m[2]::int));
  END IF;
  m := regexp_match(s, '^' || n || ' of ' || n || ' votes \((\d+(?:\.\d+)?)%\) in favour of the claimant; more than (\d+(?:\.\d+)?)% overturns: the decision stands$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'jury_upheld', 'params', jsonb_build_object('inFavour', m[1]::int,
      'cast', m[2]::int, 'percent', m[3], 'thresholdBp', round(m[4]::numeric * 100)::int));
  END IF;
  m := regexp_match(s, '^approved under the rules of ' || d || ': (\d+(?:\.\d+)?)% of the scheduled amount on membership day ' || n || '$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'approved', 'params', jsonb_build_object('ruleVersion', m[1],
      'phaseInBp', round(m[2]::numeric * 100)::int, 'membershipDay', m[3]::int));
  END IF;
  m := regexp_match(s, '^diagnosed on ' || d || ', inside the ' || n || '-day waiting period \(cover from ' || d || '\); the participation ends$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'waiting_period', 'params', jsonb_build_object('diagnosedOn', m[1],
      'waitingDays', m[2]::int, 'coveredFrom', m[3]));
  END IF;
  m := regexp_match(s, '^reported ' || n || ' days after the diagnosis; the limit is ' || n || ' days$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'late_report', 'params', jsonb_build_object('reportedAfterDays', m[1]::int, 'limitDays', m[2]::int));
  END IF;
  m := regexp_match(s, '^not a member of the plan on the diagnosis date ' || d || '$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'not_a_member', 'params', jsonb_build_object('diagnosedOn', m[1]));
  END IF;
  m := regexp_match(s, '^the documents do not prove the diagnosis(?: \((.*)\))?$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'not_proven', 'params', jsonb_build_object('note', coalesce(m[1], '')));
  END IF;
  m := regexp_match(s, '^the claim was found false; the deposit is forfeited(?: \((.*)\))?$');
  IF m IS NOT NULL THEN
    RETURN jsonb_build_object('code', 'false_claim', 'params', jsonb_build_object('note', coalesce(m[1], '')));
  END IF;
  RETURN NULL;
END $$;

ALTER TABLE claim_transitions DISABLE TRIGGER claim_transitions_append_only;
WITH mapped AS (
  SELECT transition_id,
    -- a refusal's step says the refusal first ("not_proven: the documents…")
    reason_of_english_171(CASE WHEN action IN ('reject', 'uphold') AND reason ~ '^[a-z_]+: '
      THEN regexp_replace(reason, '^[a-z_]+: ', '') ELSE reason END, action) AS r
  FROM claim_transitions
)
UPDATE claim_transitions t SET reason_code = m.r ->> 'code', reason_params = m.r -> 'params'
FROM mapped m WHERE m.transition_id = t.transition_id AND m.r IS NOT NULL;
ALTER TABLE claim_transitions ENABLE TRIGGER claim_transitions_append_only;

-- The stored decision (claims.decision) keeps its code and parameters inside it, as new ones do.
UPDATE claims SET decision = decision || jsonb_build_object('reasonCode', r ->> 'code', 'reasonParams', r -> 'params')
FROM (SELECT claim_id AS id, reason_of_english_171(decision ->> 'explanation', 'decide') AS r FROM claims
      WHERE decision IS NOT NULL AND NOT decision ? 'reasonCode') x
WHERE claim_id = x.id AND x.r IS NOT NULL;

DROP FUNCTION reason_of_english_171(text, text);
