-- A person's choice of channels for one kind of notice, in order, among those the company allows for it.
CREATE TABLE preference (
    employee_id TEXT        NOT NULL,
    kind        TEXT        NOT NULL,
    channels    TEXT        NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (employee_id, kind)
);
