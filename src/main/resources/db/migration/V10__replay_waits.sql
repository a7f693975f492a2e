-- SPEC §4 per-key order on PostgreSQL: when a key's head finishes, its successor is looked up after the head's own seq,
-- which skips the key's finished messages (and the dead row versions they leave in the key index until vacuum). A
-- replayed dead message rejoins the order at its old seq, which can be before the head's: the key's open messages
-- after it are marked, and finishing a marked one looks the key up from its start.
ALTER TABLE hub_message ADD COLUMN replay_waits SMALLINT;
