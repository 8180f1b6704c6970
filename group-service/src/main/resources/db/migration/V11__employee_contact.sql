-- Where and how a person is told: e-mail for e-mail notices, the language of every notice (zh-CN, zh-TW, en).
ALTER TABLE employee ADD COLUMN email TEXT;
ALTER TABLE employee ADD COLUMN language TEXT;
