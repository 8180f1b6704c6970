-- Violations opened by moderation-service (SV-1), one per message and rule category.
CREATE TABLE violation (
    id              UUID PRIMARY KEY,
    rule_id         TEXT        NOT NULL,
    category        TEXT        NOT NULL,
    severity        TEXT        NOT NULL,
    group_id        TEXT        NOT NULL,
    member_id       TEXT        NOT NULL,
    member_name     TEXT,
    message_id      TEXT        NOT NULL,
    masked_evidence TEXT        NOT NULL,
    sanction        TEXT        NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL,
    UNIQUE (group_id, message_id, category)
);
CREATE INDEX violation_member_opened ON violation (member_id, opened_at);
