-- Several hubs on one PostgreSQL (SPEC §4 claims).

-- Which instance made each attempt: after a takeover the log shows who carried the message on.
ALTER TABLE hub_attempt ADD COLUMN instance VARCHAR(200);

-- Work that must run once across the cluster (retention, failing synchronous messages whose hub died) runs on
-- the instance holding this lease; another takes it over once it expires.
CREATE TABLE hub_job_lease (
    job         VARCHAR(100) NOT NULL PRIMARY KEY,
    holder      VARCHAR(200),
    expires_at  BIGINT       NOT NULL
);
INSERT INTO hub_job_lease (job, holder, expires_at) VALUES ('maintenance', NULL, 0);

-- The claim reads the open asynchronous messages (not yet processed or dead) in receipt order. They were marked by
-- open_seq = seq, which took a second UPDATE of every new row; a flag set by the INSERT itself does the same job,
-- with seq for the order. The unique index on seq goes too: seq comes from an identity and nothing looks rows up by it.
ALTER TABLE hub_message ADD COLUMN queue_open SMALLINT;
UPDATE hub_message SET queue_open = 1 WHERE open_seq IS NOT NULL;
DROP INDEX hub_message_open;
DROP INDEX hub_message_key;
DROP INDEX hub_message_seq;
ALTER TABLE hub_message DROP COLUMN open_seq;
CREATE INDEX hub_message_open ON hub_message (queue_open, seq);
CREATE INDEX hub_message_key ON hub_message (partner, correlation_id, queue_open, seq);
