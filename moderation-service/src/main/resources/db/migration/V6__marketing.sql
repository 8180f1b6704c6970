-- MK-1: marketing content approved for customer groups, matched by the fingerprint of its text.
CREATE TABLE marketing_content (
    id           UUID PRIMARY KEY,
    title        TEXT        NOT NULL,
    text         TEXT,
    fingerprint  TEXT,
    content_hash TEXT,
    status       TEXT        NOT NULL,
    proposed_by  TEXT        NOT NULL,
    proposed_at  TIMESTAMPTZ NOT NULL,
    decided_by   TEXT,
    decided_at   TIMESTAMPTZ,
    reason       TEXT
);
CREATE INDEX marketing_content_fingerprint ON marketing_content (fingerprint) WHERE status = 'APPROVED';

-- MK-2: a customer group's promotional messages, counted against the policy's daily bound (the group row).
ALTER TABLE behaviour_window
    ADD COLUMN recent_promotions         BIGINT[] NOT NULL DEFAULT '{}',
    ADD COLUMN promotions_reported_until BIGINT   NOT NULL DEFAULT 0;
