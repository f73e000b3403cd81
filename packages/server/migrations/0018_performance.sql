-- SPDX-License-Identifier: EUPL-1.2
-- Performance (issue 12): indexes for the lists, the person search and the joins; working days
-- by arithmetic instead of a generate_series per row; the report view tenant-first.
--
-- Person search: trigram indexes (pg_trgm, also loaded into PGlite in core/db) on the name as
-- searched (first_name || ' ' || last_name, ilike '%term%'); exact BSN through the existing
-- btree persons_bsn_unique (tenant_id, bsn); birth date by a tenant-first btree.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "persons_full_name_trgm" ON "persons" USING gin (("first_name" || ' ' || "last_name") gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "persons_birth_date_idx" ON "persons" USING btree ("tenant_id", "birth_date");
--> statement-breakpoint
-- Foreign keys the lists, the case file, the person's history and a merge follow.
CREATE INDEX IF NOT EXISTS "registrations_person_idx" ON "registrations" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "registration_relations_person_idx" ON "registration_relations" USING btree ("person_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_person_id_idx" ON "cases" USING btree ("person_id");
--> statement-breakpoint
-- Tenant-first indexes in the order the lists sort by.
CREATE INDEX IF NOT EXISTS "cases_list_idx" ON "cases" USING btree ("tenant_id", (("status" = 'afgesloten')), "last_activity_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_regisseur_idx" ON "cases" USING btree ("tenant_id", "regisseur_id", "last_activity_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_tenant_registration_idx" ON "cases" USING btree ("tenant_id", "registration_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "registrations_tenant_status_idx" ON "registrations" USING btree ("tenant_id", "status", "registered_at");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "registrations_list_idx" ON "registrations" USING btree ("tenant_id", (CASE "urgency" WHEN 'acuut' THEN 0 WHEN 'hoog' THEN 1 ELSE 2 END), "registered_at" DESC, "created_at" DESC, "id" DESC);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "agreements_case_status_idx" ON "agreements" USING btree ("case_id", "status", "due_date");
--> statement-breakpoint
-- Working days (Monday to Friday) after from_day up to and including to_day, 0 when to_day is not
-- after from_day: the same count as generate_series(from_day + 1, to_day, '1 day') filtered on
-- isodow < 6, by arithmetic on whole weeks since Monday 1 January 1900 (inlined by the planner).
CREATE OR REPLACE FUNCTION zvh_weekdays_before(d date) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT (floor((d - date '1900-01-01') / 7.0)::bigint * 5) + least(((d - date '1900-01-01') % 7 + 7) % 7, 5) $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zvh_workdays(from_day date, to_day date) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT greatest(0, zvh_weekdays_before(to_day + 1) - zvh_weekdays_before(from_day + 1))::integer $$;
-- (The report view is tenant-first since 0016_privacy: defined once, there.)
