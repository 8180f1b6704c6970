-- A delivery is claimed (a short committed insert) before its events go to Kafka, and marked published after: no
-- transaction stays open while the broker is waited for. A claim left by a crashed instance is taken over once it is
-- older than the longest publish could take.
ALTER TABLE webhook_delivery ADD COLUMN published BOOLEAN NOT NULL DEFAULT TRUE;
