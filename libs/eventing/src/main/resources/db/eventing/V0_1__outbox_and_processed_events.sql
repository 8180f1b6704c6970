-- Shared by every service (libs/eventing): the transactional outbox and the idempotent-consumer ledger.
CREATE TABLE outbox_event (
    seq        BIGSERIAL PRIMARY KEY,
    event_id   UUID        NOT NULL UNIQUE,
    topic      TEXT        NOT NULL,
    event_key  TEXT        NOT NULL,
    event_type TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
