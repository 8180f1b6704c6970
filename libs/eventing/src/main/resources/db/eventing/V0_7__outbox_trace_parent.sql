-- The W3C traceparent of the span that wrote an outbox row, sent as the record's header when it is relayed, so that
-- the events a message causes belong to its trace (TraceContexts). Null where no span was current.
ALTER TABLE outbox_event ADD COLUMN trace_parent TEXT;
ALTER TABLE outbox_parked ADD COLUMN trace_parent TEXT;
