-- Fraud signals (issue 17): a document's hash is looked up across claims, and a member's claims across
-- plans (claims_member exists), each time a reviewer reads a claim.
CREATE INDEX claim_documents_sha256 ON claim_documents (sha256);
