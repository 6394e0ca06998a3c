-- A guardian's accounts are read by guardian, oldest first, on every roster sync of the guardian.
CREATE INDEX lk_account_guardian_ix ON lk_account (guardian_id, created_at, id);
