-- Every read of violation evidence (message excerpts) by a person other than its subject (libs/eventing's
-- EvidenceReads): who, under which roles, what they asked for and whose evidence it returned. Auditors read it.
CREATE TABLE evidence_read (
    id        BIGSERIAL   PRIMARY KEY,
    reader    TEXT        NOT NULL,
    roles     TEXT        NOT NULL,
    request   TEXT        NOT NULL,
    returned  INT         NOT NULL,
    subjects  TEXT        NOT NULL,
    at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX evidence_read_reader_at ON evidence_read (reader, at);
CREATE INDEX evidence_read_at ON evidence_read (at);
