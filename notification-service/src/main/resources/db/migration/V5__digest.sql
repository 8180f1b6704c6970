-- A notice of little weight waits a while and goes with the person's others of its kind in one message.
ALTER TABLE notice ADD COLUMN digest BOOLEAN NOT NULL DEFAULT false;
