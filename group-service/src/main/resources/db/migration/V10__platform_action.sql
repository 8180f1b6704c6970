-- Admin actions Qunguan carries out on the platforms (sanctions of SV-2, manual actions), claimed by a runner with
-- FOR UPDATE SKIP LOCKED. A platform that cannot or will not do one hands it to a person as an owner task.
CREATE TABLE platform_action (
    id           BIGSERIAL   PRIMARY KEY,
    action_key   TEXT        NOT NULL UNIQUE,          -- violation id + kind, or a manual request's id: once each
    kind         TEXT        NOT NULL,
    platform     TEXT        NOT NULL,
    chat_id      TEXT        NOT NULL,
    user_id      TEXT,
    message_id   TEXT,
    text         TEXT,
    mute_seconds BIGINT,
    rule_id      TEXT,
    violation_id UUID,
    requested_by TEXT        NOT NULL,
    reason       TEXT        NOT NULL,
    status       TEXT        NOT NULL CHECK (status IN ('PENDING', 'DONE', 'HANDED_OVER', 'FAILED')),
    attempts     INT         NOT NULL DEFAULT 0,
    due_at       TIMESTAMPTZ NOT NULL,
    detail       TEXT,
    task_id      BIGINT,
    created_at   TIMESTAMPTZ NOT NULL,
    finished_at  TIMESTAMPTZ
);
CREATE INDEX platform_action_due ON platform_action (due_at) WHERE status = 'PENDING';
CREATE INDEX platform_action_chat ON platform_action (platform, chat_id, created_at);
