-- One violation per message now carries the chat, the employee, every rule broken, the policy applied, the offence
-- number and a typed sanction with a mute's minutes or a fine's amount (SV-2, SV-3).
ALTER TABLE violation_view
    ADD COLUMN platform         TEXT,
    ADD COLUMN chat_id          TEXT,
    ADD COLUMN employee_id      TEXT,
    ADD COLUMN rules            TEXT[]  NOT NULL DEFAULT '{}',
    ADD COLUMN policy_type      TEXT,
    ADD COLUMN policy_version   INT     NOT NULL DEFAULT 0,
    ADD COLUMN company_default  BOOLEAN NOT NULL DEFAULT TRUE,
    ADD COLUMN offence          INT     NOT NULL DEFAULT 0,
    ADD COLUMN sanction_minutes INT,
    ADD COLUMN sanction_yuan    INT;
CREATE INDEX violation_view_employee ON violation_view (employee_id, opened_at);
