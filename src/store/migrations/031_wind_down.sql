-- Wind-down: a closing plan records its closing date and how many final cycles the sponsor pays.
ALTER TABLE plans ADD COLUMN closing_on date;
ALTER TABLE plans ADD COLUMN final_cycles int CHECK (final_cycles IS NULL OR final_cycles >= 0);
