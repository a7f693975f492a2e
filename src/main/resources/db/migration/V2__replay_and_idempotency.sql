-- A replay gives a dead message a fresh retry budget: attempts made before it no longer count against the limit.
ALTER TABLE hub_message ADD COLUMN retry_base INTEGER DEFAULT 0 NOT NULL;

-- Idempotency-Key (SPEC §3): the request's hash and the answer given, so that a repeat gets the same answer.
ALTER TABLE hub_message ADD COLUMN request_hash VARCHAR(64);
ALTER TABLE hub_message ADD COLUMN answer_status INTEGER;
ALTER TABLE hub_message ADD COLUMN answer_type VARCHAR(100);
ALTER TABLE hub_message ADD COLUMN answer_body ${text};
DROP INDEX hub_message_idempotency;
CREATE UNIQUE INDEX hub_message_idempotency ON hub_message (partner, idempotency_key);
