-- SV-6, SV-7: an appeal upheld as a false positive names the phrase to allow, and proposes it to the lexicon (the
-- proposal's version); a decision not taken by decide_by reminds the deciders, once.
ALTER TABLE appeal ADD COLUMN allow_phrase TEXT;
ALTER TABLE appeal ADD COLUMN lexicon_proposal INT;
ALTER TABLE appeal ADD COLUMN late_reminded_at TIMESTAMPTZ;
CREATE INDEX appeal_late ON appeal (decide_by) WHERE status = 'PENDING' AND late_reminded_at IS NULL;
