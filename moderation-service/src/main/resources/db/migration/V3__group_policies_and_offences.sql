-- The replica of group.state: each registered group's effective moderation policy, its chats and its roster.
CREATE TABLE group_policy (
    group_id       TEXT PRIMARY KEY,
    type_id        TEXT,
    status         TEXT,
    policy_version INT         NOT NULL,
    moderation     JSONB       NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL
);
CREATE TABLE group_chat (
    chat_key TEXT PRIMARY KEY,
    group_id TEXT NOT NULL
);
CREATE INDEX group_chat_group ON group_chat (group_id);
CREATE TABLE group_member (
    group_id         TEXT NOT NULL,
    platform_user_id TEXT,
    employee_id      TEXT,
    department_id    TEXT,
    rank             TEXT,
    role             TEXT
);
CREATE INDEX group_member_user ON group_member (group_id, platform_user_id);

-- One violation per message with all its findings (SV-1); the policy it was judged by, the offence number on the
-- offender's ladder and a typed sanction (SV-2). A violation only recorded has offence 0 and no sanction.
ALTER TABLE violation
    ADD COLUMN platform         TEXT,
    ADD COLUMN chat_id          TEXT,
    ADD COLUMN employee_id      TEXT,
    ADD COLUMN offender         TEXT,
    ADD COLUMN findings         JSONB   NOT NULL DEFAULT '[]',
    ADD COLUMN policy_type      TEXT,
    ADD COLUMN policy_version   INT     NOT NULL DEFAULT 0,
    ADD COLUMN company_default  BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN offence          INT     NOT NULL DEFAULT 1,
    ADD COLUMN sanction_minutes INT,
    ADD COLUMN sanction_yuan    INT;
ALTER TABLE violation ALTER COLUMN sanction DROP NOT NULL;
UPDATE violation SET offender = member_id;
UPDATE violation SET sanction_minutes = 60 WHERE sanction = 'MUTE';
ALTER TABLE violation ALTER COLUMN offender SET NOT NULL;
-- the offences the ladder counts: a person's sanctioned violations in the repeat window
CREATE INDEX violation_offender_opened ON violation (offender, opened_at) WHERE offence > 0;
