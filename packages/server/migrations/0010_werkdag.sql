-- SPDX-License-Identifier: EUPL-1.2
-- Werkdag: a readable case number per tenant and year, in-app notifications per user, and the
-- record of the daily e-mail digest (one per user per day).
CREATE TABLE "case_number_counters" (
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "year" integer NOT NULL,
  "last" integer NOT NULL,
  PRIMARY KEY ("tenant_id", "year")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "case_number" text;
--> statement-breakpoint
WITH numbered AS (
  SELECT id, tenant_id, y, row_number() OVER (PARTITION BY tenant_id, y ORDER BY created_at, id) AS n
    FROM (SELECT id, tenant_id, created_at,
                 extract(year FROM coalesce(started_at, (created_at AT TIME ZONE 'Europe/Amsterdam')::date))::int AS y
            FROM cases) s
)
UPDATE cases c SET case_number = numbered.y::text || '-' || lpad(numbered.n::text, 4, '0')
  FROM numbered WHERE numbered.id = c.id;
--> statement-breakpoint
INSERT INTO case_number_counters (tenant_id, year, last)
SELECT tenant_id, split_part(case_number, '-', 1)::int, max(split_part(case_number, '-', 2)::int)
  FROM cases GROUP BY tenant_id, split_part(case_number, '-', 1);
--> statement-breakpoint
CREATE FUNCTION assign_case_number() RETURNS trigger LANGUAGE plpgsql AS $$
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
  NEW.case_number := y::text || '-' || lpad(n::text, 4, '0');
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER cases_case_number BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION assign_case_number();
--> statement-breakpoint
CREATE UNIQUE INDEX "cases_case_number_unique" ON "cases" ("tenant_id", "case_number");
--> statement-breakpoint
CREATE TABLE "notifications" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "kind" text NOT NULL,
  "subject_id" uuid NOT NULL,
  "case_id" uuid REFERENCES "cases"("id"),
  "registration_id" uuid REFERENCES "registrations"("id"),
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_once" ON "notifications" ("user_id", "kind", "subject_id");
--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" ("user_id", "created_at") WHERE "read_at" IS NULL;
--> statement-breakpoint
CREATE TABLE "digest_sends" (
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "day" date NOT NULL,
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "sent_at" timestamp with time zone DEFAULT now() NOT NULL,
  "counts" jsonb NOT NULL,
  PRIMARY KEY ("user_id", "day")
);
