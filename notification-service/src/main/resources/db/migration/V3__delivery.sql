-- The directory as notification-service needs it (a replica of directory.events): who a person is, where and in
-- which language they are told, and which platform user ids are theirs.
CREATE TABLE person (
    employee_id   TEXT        PRIMARY KEY,
    real_name     TEXT,
    department_id TEXT,
    email         TEXT,
    language      TEXT,
    active        BOOLEAN     NOT NULL,
    changed_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX person_department ON person (department_id);

CREATE TABLE person_account (
    platform    TEXT NOT NULL,
    user_id     TEXT NOT NULL,
    employee_id TEXT NOT NULL,
    PRIMARY KEY (platform, user_id)
);
CREATE INDEX person_account_employee ON person_account (employee_id);

CREATE TABLE department (
    department_id TEXT        PRIMARY KEY,
    name          TEXT,
    head_id       TEXT,
    changed_at    TIMESTAMPTZ NOT NULL
);

-- A notice is addressed to an employee; one the directory cannot place yet keeps the platform address its event
-- named, and one for a role's queue (HR) names the role. Its text is rendered from params in the reader's language.
ALTER TABLE notice ALTER COLUMN recipient_id DROP NOT NULL;
ALTER TABLE notice ALTER COLUMN body DROP NOT NULL;
ALTER TABLE notice ADD COLUMN address TEXT;
ALTER TABLE notice ADD COLUMN audience TEXT;
ALTER TABLE notice ADD COLUMN params JSONB NOT NULL DEFAULT '{}';
ALTER TABLE notice ADD COLUMN urgent BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE notice ADD COLUMN updated_at TIMESTAMPTZ;
UPDATE notice SET address = recipient_id, recipient_id = NULL, status = 'UNRESOLVED' WHERE recipient_id LIKE '%:%';
UPDATE notice SET audience = 'hr', recipient_id = NULL, status = 'QUEUED' WHERE recipient_id = 'hr';
CREATE INDEX notice_address ON notice (address) WHERE status = 'UNRESOLVED';
CREATE INDEX notice_status ON notice (status, created_at);

-- One try of one channel for a notice; the next channel is planned when this one cannot deliver.
CREATE TABLE delivery (
    id          BIGSERIAL   PRIMARY KEY,
    notice_id   UUID        NOT NULL REFERENCES notice (id),
    channel     TEXT        NOT NULL,
    position    INT         NOT NULL,
    destination TEXT        NOT NULL,
    status      TEXT        NOT NULL,
    attempts    INT         NOT NULL DEFAULT 0,
    due_at      TIMESTAMPTZ NOT NULL,
    lease_until TIMESTAMPTZ,
    detail      TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    UNIQUE (notice_id, channel)
);
CREATE INDEX delivery_due ON delivery (due_at) WHERE status IN ('PENDING', 'SENDING');

-- Every call made to a destination, written before the call: the send limits of all instances count these.
CREATE TABLE send_attempt (
    destination TEXT        NOT NULL,
    sent_at     TIMESTAMPTZ NOT NULL,
    delivery_id BIGINT      NOT NULL
);
CREATE INDEX send_attempt_destination ON send_attempt (destination, sent_at);
