-- An attempt in flight: set when a runner claims an action for its call, cleared when the outcome is recorded. An
-- action found due with it still set is an attempt an instance never finished (it stopped mid-call, its lease ran
-- out): made again only where repeating changes nothing, otherwise UNCERTAIN until a person confirms what happened.
ALTER TABLE platform_action ADD COLUMN attempt_started_at TIMESTAMPTZ;
ALTER TABLE platform_action ADD COLUMN confirmed_by TEXT;
ALTER TABLE platform_action DROP CONSTRAINT platform_action_status_check;
ALTER TABLE platform_action ADD CONSTRAINT platform_action_status_check
    CHECK (status IN ('PENDING', 'DONE', 'HANDED_OVER', 'FAILED', 'UNCERTAIN'));
CREATE INDEX platform_action_uncertain ON platform_action (created_at) WHERE status = 'UNCERTAIN';
