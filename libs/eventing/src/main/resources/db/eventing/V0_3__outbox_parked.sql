-- Outbox rows the broker refused for good (too large for a record): moved aside with the reason, so that the rows
-- behind them are published (libs/eventing).
CREATE TABLE outbox_parked (
    seq        BIGINT      PRIMARY KEY,
    event_id   UUID        NOT NULL,
    topic      TEXT        NOT NULL,
    event_key  TEXT        NOT NULL,
    event_type TEXT        NOT NULL,
    payload    BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    reason     TEXT        NOT NULL,
    parked_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
