-- Lanes (SPEC §4): each target's claimable messages are found in due order in an index of their own, however many
-- wait behind a key or a down target. due_at is when an open asynchronous message may be tried: set for the head of
-- its key (queued or retrying: its next attempt; processing: when its lease runs out), 9223372036854775807 for the
-- messages that wait behind their key's head, NULL once it is processed, dead or failed, and for synchronous ones.
ALTER TABLE hub_message ADD COLUMN due_at BIGINT;
UPDATE hub_message SET due_at = 9223372036854775807 WHERE queue_open = 1;
-- PostgreSQL marks the heads here; H2 keeps its key order in the hub's memory and marks them when it loads it.
${mark_heads}
-- The lane index replaces the open rows' index: the open messages are the lanes' rows with a due_at.
DROP INDEX hub_message_open;
CREATE INDEX hub_message_lane ON hub_message (target, due_at);
