-- BH-5, SV-4: a leader's task for a person in a group, open until the person writes in the group or it falls due.
-- Timers are these rows: any number of instances claim the due ones with FOR UPDATE SKIP LOCKED.
CREATE TABLE response_deadline (
    id                UUID        PRIMARY KEY,  -- derived from the task's message and the person: opened once
    group_id          TEXT        NOT NULL,
    platform          TEXT        NOT NULL,
    chat_id           TEXT        NOT NULL,
    message_id        TEXT        NOT NULL,
    leader_id         TEXT        NOT NULL,     -- <platform>:<userId>
    leader_employee   TEXT,
    assignee_id       TEXT        NOT NULL,     -- <platform>:<userId>
    assignee_employee TEXT,
    department_id     TEXT,                     -- the assignee's, as the roster has it
    excerpt           TEXT        NOT NULL,     -- the task, masked
    opened_at         TIMESTAMPTZ NOT NULL,
    starts_at         TIMESTAMPTZ NOT NULL,     -- the next working moment when the task came in rest time
    due_at            TIMESTAMPTZ NOT NULL,
    status            TEXT        NOT NULL CHECK (status IN ('OPEN', 'MET', 'MISSED')),
    answered_at       TIMESTAMPTZ,
    answer_message_id TEXT,
    violation_id      UUID,
    closed_at         TIMESTAMPTZ
);
CREATE INDEX response_deadline_due ON response_deadline (due_at) WHERE status = 'OPEN';
CREATE INDEX response_deadline_open ON response_deadline (group_id, assignee_id) WHERE answered_at IS NULL;
CREATE INDEX response_deadline_assignee ON response_deadline (assignee_employee, opened_at);
CREATE INDEX response_deadline_leader ON response_deadline (leader_employee, opened_at);
