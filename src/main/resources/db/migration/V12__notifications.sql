-- SPEC §7 notifications: each event is stored before it is sent (an outbox) and retried until the receiver answers
-- 2xx. A message event is written in the transaction that records the message's outcome, so no dead message goes
-- untold; next_attempt_at is NULL once the event is sent or given up.
CREATE TABLE hub_notification (
    id              VARCHAR(64)   NOT NULL PRIMARY KEY,
    event_type      VARCHAR(40)   NOT NULL,
    body            ${text}       NOT NULL,
    created_at      BIGINT        NOT NULL,
    attempts        INTEGER       DEFAULT 0 NOT NULL,
    next_attempt_at BIGINT,
    sent_at         BIGINT,
    last_error      VARCHAR(1000)
);
CREATE INDEX hub_notification_due ON hub_notification (next_attempt_at);
-- The sender runs on one instance of a cluster at a time.
INSERT INTO hub_job_lease (job, holder, expires_at) VALUES ('notifications', NULL, 0);
