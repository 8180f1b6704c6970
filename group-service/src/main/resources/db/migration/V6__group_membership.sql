-- A group's life after approval: activation on platform chats (GL-1), owner and admins (GL-5), announcement and
-- pinned notices (GL-6, GL-10), review (GL-9) and dissolution (GL-8).
ALTER TABLE work_group
    ADD COLUMN admins              JSONB       NOT NULL DEFAULT '[]',
    ADD COLUMN successor_id        TEXT,       -- takes over when the owner leaves or transfers (GL-5)
    ADD COLUMN activated_at        TIMESTAMPTZ,
    ADD COLUMN announcement_due_at TIMESTAMPTZ,
    ADD COLUMN last_activity_at    TIMESTAMPTZ,
    ADD COLUMN next_review_at      TIMESTAMPTZ,
    ADD COLUMN dissolved_at        TIMESTAMPTZ,
    ADD COLUMN dissolution_reason  TEXT;
-- the review scheduler walks due groups oldest first
CREATE INDEX work_group_review ON work_group (next_review_at) WHERE status = 'ACTIVE';

-- A platform chat: bound to its work group, or unbound (first seen through chat_created, a pending registration
-- for its creator to complete, or seen only through its members' events).
CREATE TABLE group_chat (
    chat_key         TEXT        PRIMARY KEY,  -- <platform>:<chatId>, the group id of the chat's im.* events
    platform         TEXT        NOT NULL,
    chat_id          TEXT        NOT NULL,
    name             TEXT,
    group_id         TEXT        REFERENCES work_group (id),
    created_by       TEXT,                     -- platform user id of the creator, when the platform says
    registrant_id    TEXT,                     -- the employee who is to register an unbound chat
    first_seen_at    TIMESTAMPTZ NOT NULL,
    bound_at         TIMESTAMPTZ,
    dismissed_at     TIMESTAMPTZ,
    last_activity_at TIMESTAMPTZ
);
CREATE INDEX group_chat_group ON group_chat (group_id);
CREATE INDEX group_chat_unbound ON group_chat (registrant_id) WHERE group_id IS NULL AND dismissed_at IS NULL;

-- Who is in a chat now, as the platforms report it; employee_id when the directory knows the user.
CREATE TABLE chat_member (
    chat_key         TEXT        NOT NULL REFERENCES group_chat (chat_key),
    platform_user_id TEXT        NOT NULL,
    nickname         TEXT,
    invited_by       TEXT,
    joined_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (chat_key, platform_user_id)
);

-- Work for a group's owner or HR: complete a registration, publish the announcement, decide an uninvited member,
-- remove someone, invite a mandatory member, answer a review. One open task per group, kind and subject.
CREATE TABLE group_task (
    id          BIGSERIAL   PRIMARY KEY,
    group_id    TEXT,                          -- null for a chat not yet registered
    chat_key    TEXT,
    kind        TEXT        NOT NULL,
    rule_id     TEXT        NOT NULL,
    subject     TEXT        NOT NULL DEFAULT '',  -- the person or chat the task is about
    assignee_id TEXT,                          -- null: HR's queue
    detail      TEXT        NOT NULL,
    status      TEXT        NOT NULL CHECK (status IN ('OPEN', 'DONE', 'DISMISSED')),
    opened_at   TIMESTAMPTZ NOT NULL,
    due_at      TIMESTAMPTZ,
    resolved_by TEXT,
    resolved_at TIMESTAMPTZ,
    resolution  TEXT
);
CREATE UNIQUE INDEX group_task_open ON group_task (COALESCE(group_id, chat_key), kind, subject) WHERE status = 'OPEN';
CREATE INDEX group_task_assignee ON group_task (assignee_id, status);

-- The structured announcement (GL-6); the latest version counts.
CREATE TABLE group_announcement (
    group_id           TEXT        PRIMARY KEY REFERENCES work_group (id),
    purpose            TEXT        NOT NULL,
    functions          TEXT        NOT NULL,
    member_composition TEXT        NOT NULL,
    rules              TEXT        NOT NULL,
    owner_contact      TEXT        NOT NULL,
    published_by       TEXT        NOT NULL,
    published_at       TIMESTAMPTZ NOT NULL
);

-- Important notices pinned for everyone (GL-10).
CREATE TABLE pinned_notice (
    id          BIGSERIAL   PRIMARY KEY,
    group_id    TEXT        NOT NULL REFERENCES work_group (id),
    text        TEXT        NOT NULL,
    pinned_by   TEXT        NOT NULL,
    pinned_at   TIMESTAMPTZ NOT NULL,
    unpinned_at TIMESTAMPTZ
);
CREATE INDEX pinned_notice_group ON pinned_notice (group_id) WHERE unpinned_at IS NULL;
