-- Where staff documented a consent: the signed form's place, or the record entry of a verbal one (issue 14 item 5).
ALTER TABLE consents ADD COLUMN document_ref TEXT NULL;
