-- The replicas the archive and the assessment read: groups from group.state, people and departments from
-- directory.events. Each keeps the newest record; an older one arriving late is ignored.
CREATE TABLE group_replica (
    group_id         TEXT PRIMARY KEY,
    name             TEXT,
    type_id          TEXT,
    status           TEXT,
    department_id    TEXT,
    owner_id         TEXT,
    -- the group's policy records.retentionDays (IS-1, IS-2); null: the archive's default for the type
    retention_days   INT,
    state_version    BIGINT      NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL
);
CREATE TABLE group_replica_chat (
    chat_key TEXT PRIMARY KEY,
    group_id TEXT NOT NULL
);
CREATE INDEX group_replica_chat_group ON group_replica_chat (group_id);

CREATE TABLE person (
    employee_id   TEXT PRIMARY KEY,
    real_name     TEXT,
    department_id TEXT,
    active        BOOLEAN     NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);
-- <platform>:<userId>, as im.* events name senders
CREATE TABLE person_account (
    platform_user TEXT PRIMARY KEY,
    employee_id   TEXT NOT NULL
);
CREATE INDEX person_account_employee ON person_account (employee_id);
CREATE TABLE department (
    department_id TEXT PRIMARY KEY,
    name          TEXT,
    parent_id     TEXT,
    head_id       TEXT,
    active        BOOLEAN     NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);

-- IS-2: every message with its full text, the one place it lives; purged when its group's retention has passed
-- (IS-1) unless a legal hold covers it. search: the text's character bigrams and words with their positions
-- (ArchiveText), so a phrase is found through the GIN index.
CREATE TABLE archived_message (
    event_id    UUID PRIMARY KEY,
    chat_key    TEXT        NOT NULL,
    group_id    TEXT        NOT NULL,
    platform    TEXT        NOT NULL,
    message_id  TEXT        NOT NULL,
    sender_id   TEXT,
    sender_name TEXT,
    kind        TEXT        NOT NULL,
    text        TEXT        NOT NULL,
    reply_to    TEXT,
    sent_at     TIMESTAMPTZ NOT NULL,
    archived_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    recalled_at TIMESTAMPTZ,
    recalled_by TEXT,
    search      TSVECTOR    NOT NULL
);
CREATE INDEX archived_message_search ON archived_message USING GIN (search);
CREATE INDEX archived_message_chat ON archived_message (chat_key, sent_at);
-- a group's messages filed under its id, from chats no longer bound to it
CREATE INDEX archived_message_group ON archived_message (group_id, sent_at);
CREATE INDEX archived_message_sender ON archived_message (sender_id, sent_at);
CREATE INDEX archived_message_sent ON archived_message (sent_at);
CREATE INDEX archived_message_platform_id ON archived_message (chat_key, message_id);

-- A legal hold on a person or a group stops the purge of their messages until it is released.
CREATE TABLE legal_hold (
    id             UUID PRIMARY KEY,
    subject_kind   TEXT        NOT NULL CHECK (subject_kind IN ('PERSON', 'GROUP')),
    subject_id     TEXT        NOT NULL,
    reason         TEXT        NOT NULL,
    placed_by      TEXT        NOT NULL,
    placed_at      TIMESTAMPTZ NOT NULL,
    released_by    TEXT,
    released_at    TIMESTAMPTZ,
    release_reason TEXT
);
CREATE INDEX legal_hold_active ON legal_hold (subject_kind, subject_id) WHERE released_at IS NULL;

-- SV-5: a supervision team member's request for a person's or a group's records over a period, with a reason;
-- an auditor approves it for a limited time.
CREATE TABLE supervision_request (
    id              UUID PRIMARY KEY,
    requested_by    TEXT        NOT NULL,
    subject_kind    TEXT        NOT NULL CHECK (subject_kind IN ('PERSON', 'GROUP')),
    subject_id      TEXT        NOT NULL,
    period_from     TIMESTAMPTZ NOT NULL,
    period_to       TIMESTAMPTZ NOT NULL,
    reason          TEXT        NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED')),
    decided_by      TEXT,
    decided_at      TIMESTAMPTZ,
    decision_reason TEXT,
    access_until    TIMESTAMPTZ
);
CREATE INDEX supervision_request_requester ON supervision_request (requested_by, requested_at);

-- Every search and read of the archive, every hold, grant and purge: written in the transaction of what it records,
-- read by auditors, edited by nobody (the triggers refuse).
CREATE TABLE archive_access (
    id         BIGSERIAL PRIMARY KEY,
    at         TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
    actor      TEXT        NOT NULL,
    roles      TEXT        NOT NULL,
    action     TEXT        NOT NULL,
    request    TEXT        NOT NULL,
    reason     TEXT,
    grant_id   UUID,
    returned   INT         NOT NULL,
    subjects   TEXT        NOT NULL
);
CREATE INDEX archive_access_at ON archive_access (at);
CREATE INDEX archive_access_actor ON archive_access (actor, at);

CREATE FUNCTION archive_access_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the archive access log is append-only';
END $$;
CREATE TRIGGER archive_access_no_change BEFORE UPDATE OR DELETE ON archive_access
    FOR EACH ROW EXECUTE FUNCTION archive_access_append_only();
CREATE TRIGGER archive_access_no_truncate BEFORE TRUNCATE ON archive_access
    FOR EACH STATEMENT EXECUTE FUNCTION archive_access_append_only();
