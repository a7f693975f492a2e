-- SPEC §7 edit and replay: ops may correct a dead message's payload. The message keeps the body the partner sent;
-- revised_payload holds the latest revision's payload (JSON), which delivery and the preview use instead, and
-- hub_revision keeps every revision with who made it, when and why (the audit trail).
ALTER TABLE hub_message ADD COLUMN revised_payload ${text};

CREATE TABLE hub_revision (
    message_id     VARCHAR(36)   NOT NULL,
    revision_no    INTEGER       NOT NULL,
    at             BIGINT        NOT NULL,
    by_user        VARCHAR(200)  NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    before_payload ${text}       NOT NULL,
    after_payload  ${text}       NOT NULL,
    PRIMARY KEY (message_id, revision_no)
);
