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
