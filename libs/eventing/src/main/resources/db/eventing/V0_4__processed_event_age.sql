-- The idempotency ledger is purged by age (ProcessedEvents): rows older than any redelivery can come.
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
