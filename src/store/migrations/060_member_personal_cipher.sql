-- One AES-256-GCM ciphertext per person — resident ID, name and mobile as one record — instead of one
-- per field: a third of the encryptions, which dominated the CSV import's per-row cost. Rows written
-- before this keep their per-field ciphertexts (re-encrypting needs the key, which SQL has not); readers
-- take the record when it is there and the fields otherwise.
ALTER TABLE members ADD COLUMN personal_cipher bytea;
ALTER TABLE members ALTER COLUMN id_cipher DROP NOT NULL;
ALTER TABLE members ALTER COLUMN name_cipher DROP NOT NULL;
ALTER TABLE members ADD CONSTRAINT members_personal_data_encrypted
  CHECK (personal_cipher IS NOT NULL OR (id_cipher IS NOT NULL AND name_cipher IS NOT NULL));
