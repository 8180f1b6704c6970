-- notification-service's replica of group.state: which chats make a group, who its members and managers are, and the
-- parts of its policy notices follow (acknowledgements, meetings, quiet hours).
CREATE TABLE group_replica (
    group_id   TEXT        PRIMARY KEY,
    name       TEXT,
    status     TEXT,
    owner_id   TEXT,
    admins     JSONB       NOT NULL DEFAULT '[]',
    policy     JSONB       NOT NULL DEFAULT '{}',
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE TABLE group_replica_chat (
    chat_key TEXT PRIMARY KEY,
    group_id TEXT NOT NULL
);
CREATE INDEX group_replica_chat_group ON group_replica_chat (group_id);
CREATE TABLE group_replica_member (
    group_id         TEXT NOT NULL,
    platform_user_id TEXT,
    employee_id      TEXT,
    role             TEXT
);
CREATE INDEX group_replica_member_group ON group_replica_member (group_id);

-- A group notice tracked member by member until its deadline (BH-6, GL-10): posted in a chat, created over REST, or
-- pinned by group-service.
CREATE TABLE tracked_notice (
    id           UUID        PRIMARY KEY,
    group_id     TEXT        NOT NULL,
    chat_key     TEXT,
    message_id   TEXT,
    source       TEXT        NOT NULL,
    author_id    TEXT,
    excerpt      TEXT        NOT NULL,
    posted_at    TIMESTAMPTZ NOT NULL,
    due_at       TIMESTAMPTZ NOT NULL,
    closed_at    TIMESTAMPTZ,
    UNIQUE (group_id, message_id)
);
CREATE INDEX tracked_notice_open ON tracked_notice (group_id, posted_at) WHERE closed_at IS NULL;

CREATE TABLE acknowledgement (
    notice_id       UUID        NOT NULL REFERENCES tracked_notice (id),
    member          TEXT        NOT NULL,
    employee_id     TEXT,
    acknowledged_at TIMESTAMPTZ,
    how             TEXT,
    reminders       INT         NOT NULL DEFAULT 0,
    overdue         BOOLEAN     NOT NULL DEFAULT false,
    PRIMARY KEY (notice_id, member)
);
CREATE INDEX acknowledgement_employee ON acknowledgement (employee_id) WHERE acknowledged_at IS NULL;

-- A meeting noticed in a chat or over REST (MT-1), its participants, and its minutes (MT-2).
CREATE TABLE meeting (
    id                 UUID        PRIMARY KEY,
    group_id           TEXT        NOT NULL,
    chat_key           TEXT,
    message_id         TEXT,
    source             TEXT        NOT NULL,
    organiser_member   TEXT,
    organiser_employee TEXT,
    topic              TEXT,
    place              TEXT,
    agenda             TEXT,
    starts_at          TIMESTAMPTZ,
    ends_at            TIMESTAMPTZ,
    noticed_at         TIMESTAMPTZ NOT NULL,
    problems           JSONB       NOT NULL DEFAULT '[]',
    minutes_due_at     TIMESTAMPTZ,
    minutes            TEXT,
    minutes_at         TIMESTAMPTZ,
    UNIQUE (group_id, message_id)
);
CREATE INDEX meeting_group ON meeting (group_id, starts_at);
CREATE TABLE meeting_participant (
    meeting_id  UUID NOT NULL REFERENCES meeting (id),
    member      TEXT NOT NULL,
    employee_id TEXT,
    PRIMARY KEY (meeting_id, member)
);

-- Work due at a time (acknowledgement reminders and deadlines, meeting reminders, minutes deadlines): claimed with
-- FOR UPDATE SKIP LOCKED and fired in the claiming transaction, so any number of instances fire each once.
CREATE TABLE timer (
    id         BIGSERIAL   PRIMARY KEY,
    kind       TEXT        NOT NULL,
    subject_id UUID        NOT NULL,
    due_at     TIMESTAMPTZ NOT NULL,
    fired_at   TIMESTAMPTZ,
    UNIQUE (kind, subject_id, due_at)
);
CREATE INDEX timer_due ON timer (due_at) WHERE fired_at IS NULL;
