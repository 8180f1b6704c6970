-- The hourly purge finds rows by age.
CREATE INDEX webhook_delivery_received_at ON webhook_delivery (received_at);
