-- A refused synchronous message's Retry-After (SPEC §4), kept with its answer so a repeat with the same
-- Idempotency-Key gets the same headers as the first.
ALTER TABLE hub_message ADD COLUMN answer_retry_after INTEGER;
