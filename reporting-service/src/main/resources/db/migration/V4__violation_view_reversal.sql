-- SV-6: a violation reversed on appeal stays on file, marked, and out of the figures (fines, counts) built on it.
ALTER TABLE violation_view
    ADD COLUMN reversed_at     TIMESTAMPTZ,
    ADD COLUMN reversal_reason TEXT,
    ADD COLUMN reversed_by     TEXT;
