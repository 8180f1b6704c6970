-- MK-1: approved images, videos and files are matched by their SHA-256.
CREATE INDEX marketing_content_hash ON marketing_content (content_hash) WHERE status = 'APPROVED';
