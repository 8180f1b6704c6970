-- The company directory names and memberships are checked against (GL-4, MB-3, MB-4, MB-8). Fed by REST
-- imports and the HR system's hr.employees topic; every change is published on directory.events.
CREATE TABLE department (
    id         TEXT        PRIMARY KEY,
    name       TEXT        NOT NULL,
    parent_id  TEXT        REFERENCES department (id),
    head_id    TEXT,
    active     BOOLEAN     NOT NULL DEFAULT true,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
-- group names are prefixed with a department's name, so an active name means one department
CREATE UNIQUE INDEX department_active_name ON department (name) WHERE active;

CREATE TABLE employee (
    id            TEXT        PRIMARY KEY,
    real_name     TEXT        NOT NULL,
    department_id TEXT        NOT NULL REFERENCES department (id),
    title         TEXT,
    rank          TEXT        NOT NULL,
    manager_id    TEXT,
    external      BOOLEAN     NOT NULL DEFAULT false,
    active        BOOLEAN     NOT NULL DEFAULT true,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX employee_department ON employee (department_id) WHERE active;

-- who a platform user id is: membership events name platform users, the directory names people
CREATE TABLE employee_account (
    platform         TEXT NOT NULL,
    platform_user_id TEXT NOT NULL,
    employee_id      TEXT NOT NULL REFERENCES employee (id),
    PRIMARY KEY (platform, platform_user_id),
    UNIQUE (employee_id, platform)
);

CREATE TABLE project (
    id            TEXT        PRIMARY KEY,
    name          TEXT        NOT NULL,
    department_id TEXT        REFERENCES department (id),
    lead_id       TEXT,
    starts_on     DATE,
    ends_on       DATE,
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX project_name ON project (name);

-- Every administrative action: who did what to which object, when and why. Append-only.
CREATE TABLE audit_log (
    id          BIGSERIAL   PRIMARY KEY,
    actor       TEXT        NOT NULL,
    actor_role  TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    object_type TEXT        NOT NULL,
    object_id   TEXT        NOT NULL,
    reason      TEXT,
    detail      TEXT,
    at          TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_object ON audit_log (object_type, object_id, at);
