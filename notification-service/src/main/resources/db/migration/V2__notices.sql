-- Notices to people: for now, the notice an offender gets about a violation (SV-1). Delivery comes later.
CREATE TABLE notice (
    id           UUID PRIMARY KEY,
    recipient_id TEXT        NOT NULL,
    group_id     TEXT        NOT NULL,
    kind         TEXT        NOT NULL,
    subject_id   UUID        NOT NULL,
    body         TEXT        NOT NULL,
    status       TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    UNIQUE (kind, subject_id)
);
CREATE INDEX notice_recipient ON notice (recipient_id, created_at);
