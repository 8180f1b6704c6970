-- SV-3: the weights HR gives each part of the assessment, versioned; a period is scored by the version in effect on
-- its first day. Version 1 is the default: 100 points less, per standing violation, its severity's points, per missed
-- deadline 2, per 100 yuan of fines 1.
CREATE TABLE assessment_weights (
    version        INT PRIMARY KEY,
    effective_from DATE        NOT NULL,
    weights        JSONB       NOT NULL,
    reason         TEXT        NOT NULL,
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO assessment_weights (version, effective_from, weights, reason, created_by)
VALUES (1, DATE '2000-01-01',
        '{"severity": {"LOW": 1, "MEDIUM": 3, "HIGH": 5, "CRITICAL": 10}, "missedDeadline": 2, "perHundredYuan": 1}',
        'the default weights', 'reporting-service');
