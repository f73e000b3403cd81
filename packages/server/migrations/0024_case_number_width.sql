-- SPDX-License-Identifier: EUPL-1.2
-- The case number of the 10,000th case of a year: lpad(n, 4, '0') cut '10000' to '1000', the
-- number of an earlier case (unique violation; the import of a large caseload stopped at it).
-- At least four digits, never fewer than the number has. The import (modules/import) numbers its
-- new cases set-based with the same format (zvh_case_number) and the same counters.
CREATE OR REPLACE FUNCTION zvh_case_number(y integer, n integer) RETURNS text LANGUAGE sql IMMUTABLE AS
$$ SELECT y::text || '-' || lpad(n::text, greatest(4, length(n::text)), '0') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION assign_case_number() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  y integer;
  n integer;
BEGIN
  IF NEW.case_number IS NOT NULL THEN
    RETURN NEW;
  END IF;
  y := extract(year FROM coalesce(NEW.started_at, (now() AT TIME ZONE 'Europe/Amsterdam')::date))::int;
  INSERT INTO case_number_counters AS k (tenant_id, year, last) VALUES (NEW.tenant_id, y, 1)
    ON CONFLICT (tenant_id, year) DO UPDATE SET last = k.last + 1
    RETURNING k.last INTO n;
  NEW.case_number := zvh_case_number(y, n);
  RETURN NEW;
END $$;
