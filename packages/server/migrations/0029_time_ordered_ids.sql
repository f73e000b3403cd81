-- SPDX-License-Identifier: EUPL-1.2
-- Time-ordered keys (UUID version 7, RFC 9562): the first 48 bits are the creation time in
-- milliseconds, the rest random. New rows' keys then land at the right edge of every index on
-- them (primary keys and the foreign-key indexes of case_id, registration_id, person_id) instead of
-- on a random page of an index of millions of entries: far fewer pages touched and far fewer full
-- page images in the WAL per insert (issue 12: an import of 100,000 lines into a 1M-case database
-- wrote ~30 MB of WAL per 1,000 lines, most of it full pages of random index inserts). Existing
-- keys stay as they are; both versions are UUIDs and nothing reads a meaning into them
-- (docs/adr/0013-time-ordered-ids.md). The application makes its own keys with the same layout
-- (core/db newId, the uuid package's v7). PostgreSQL 15 has no uuidv7() (18 has): built here from
-- gen_random_uuid() with the time in bytes 0-5 and the version nibble set to 7.
CREATE OR REPLACE FUNCTION zvh_uuid_v7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
              PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
              FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
--> statement-breakpoint
-- every key of the schema that defaulted to a random UUID
DO $$
DECLARE c record;
BEGIN
  FOR c IN SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND column_default = 'gen_random_uuid()'
  LOOP
    EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT zvh_uuid_v7()', c.table_name, c.column_name);
  END LOOP;
END $$;
