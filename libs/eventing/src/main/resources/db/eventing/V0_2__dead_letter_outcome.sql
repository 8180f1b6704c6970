-- What an operator did with a dead-lettered record (libs/eventing): replayed to its consumer or discarded, by whom,
-- when and why. A record without a row here is still to be looked at.
CREATE TABLE dead_letter_outcome (
    topic          TEXT        NOT NULL,
    partition_no   INT         NOT NULL,
    record_offset  BIGINT      NOT NULL,
    action         TEXT        NOT NULL CHECK (action IN ('REPLAYING', 'REPLAYED', 'DISCARDED')),
    actor          TEXT        NOT NULL,
    reason         TEXT,
    at             TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (topic, partition_no, record_offset)
);
