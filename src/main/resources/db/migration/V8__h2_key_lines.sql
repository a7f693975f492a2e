-- H2's per-key order moves from the hub's heap (about 190 bytes a waiting message: a backlog of a million behind a
-- down target outgrew a 192 MB heap) into the store: each key with open messages has a line (its head and tail), and
-- each waiting message points to the next of its key. Lines are as many as keys with open messages, and small; the
-- hub fills them at its first start after this migration. PostgreSQL keeps using its key index: both stay unused there.
CREATE TABLE hub_key_line (
    key_hash  BIGINT      NOT NULL PRIMARY KEY,
    head_id   VARCHAR(36) NOT NULL,
    tail_id   VARCHAR(36) NOT NULL
);
ALTER TABLE hub_message ADD COLUMN next_id VARCHAR(36);
