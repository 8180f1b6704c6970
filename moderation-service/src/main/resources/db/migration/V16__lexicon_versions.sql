-- The lexicon as managed policy: every version whole (file name -> content), proposed by one person, dry-run on a
-- sample the company supplies, approved or rejected by a second. The newest approved version is the one in use;
-- the starter lexicon is version 1.
CREATE TABLE lexicon_version (
    version         INT         PRIMARY KEY,
    based_on        INT         REFERENCES lexicon_version (version),
    status          TEXT        NOT NULL CHECK (status IN ('PROPOSED', 'APPROVED', 'REJECTED')),
    files           JSONB       NOT NULL,
    summary         TEXT        NOT NULL,
    description     TEXT        NOT NULL,  -- the engine it builds: forms, terms, memory
    proposed_by     TEXT        NOT NULL,
    proposed_at     TIMESTAMPTZ NOT NULL,
    dry_run         JSONB,                 -- the latest dry run: sample size, messages flagged differently
    decided_by      TEXT,
    decided_at      TIMESTAMPTZ,
    decision_reason TEXT
);
CREATE INDEX lexicon_version_approved ON lexicon_version (version DESC) WHERE status = 'APPROVED';
