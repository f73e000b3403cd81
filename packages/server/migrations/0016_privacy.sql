-- SPDX-License-Identifier: EUPL-1.2
-- Privacy (6 of 7): retention per tenant, anonymisation that keeps the annual report's figures,
-- data-subject requests at the ZVH as the one contact point, and four eyes (approvals).
--
-- What the annual report needs of the person, kept on the registration before the person's data
-- goes (the age group on the registration date and the gender; municipality, partner and codes
-- are on the registration already).
ALTER TABLE "registrations" ADD COLUMN "report_age_group" text,
  ADD COLUMN "report_gender" text,
  ADD COLUMN "anonymised_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "anonymised_at" timestamp with time zone;
--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "anonymised_at" timestamp with time zone;
--> statement-breakpoint
-- The age group of the report definitions (age in whole years on the registration date, with
-- the date + interval rule of rapportage/annual-report.ts ageOn) now comes from the view, which
-- prefers the values kept on the registration. Tenant-first: the tenant is part of every join
-- condition, so a filter on tenant_id reaches the scans of persons and cases too (the cost follows
-- the tenant's rows, not the country's). A registration's person and case are always of its own
-- tenant, so the rows are the same as with the id alone.
CREATE OR REPLACE VIEW report_dossiers AS
SELECT r.tenant_id,
       r.id AS registration_id,
       c.id AS case_id,
       r.kind AS requested_kind,
       c.kind AS case_kind,
       coalesce(c.kind, r.kind) AS kind,
       c.approach,
       r.registered_at,
       c.started_at,
       c.closed_at,
       r.municipality_code,
       r.registering_partner,
       r.main_topic,
       r.problem_areas,
       r.children,
       r.crosses_municipality_border,
       p.birth_date,
       coalesce(r.report_gender, p.gender) AS gender,
       coalesce(r.report_age_group,
         CASE WHEN p.birth_date IS NULL THEN NULL ELSE (
           WITH a(age) AS (SELECT (extract(year from r.registered_at)::int - extract(year from p.birth_date)::int)
             - CASE WHEN p.birth_date + make_interval(years => extract(year from r.registered_at)::int - extract(year from p.birth_date)::int) > r.registered_at THEN 1 ELSE 0 END)
           SELECT CASE WHEN age < 18 THEN '<18' WHEN age <= 23 THEN '18-23' WHEN age <= 40 THEN '24-40' WHEN age <= 65 THEN '41-65' ELSE '>65' END FROM a
         ) END) AS age_group
  FROM registrations r
  LEFT JOIN persons p ON p.tenant_id = r.tenant_id AND p.id = r.person_id
  LEFT JOIN cases c ON c.tenant_id = r.tenant_id AND c.registration_id = r.id AND c.close_reason_code IS DISTINCT FROM 'triage-override-afgewezen';
--> statement-breakpoint
-- A procesregie override of the triage criteria is reviewed by a second person after the fact;
-- a rejection closes that case (close reason 'triage-override-afgewezen') and puts the
-- registration back in triage, which may open a new case: one current case per registration.
DROP INDEX "cases_registration_unique";
--> statement-breakpoint
CREATE UNIQUE INDEX "cases_registration_unique" ON "cases" ("registration_id") WHERE "close_reason_code" IS DISTINCT FROM 'triage-override-afgewezen';
--> statement-breakpoint
-- Retention terms per tenant and kind of record, set by the privacy officer (null: not set, the
-- daily job leaves that kind alone). The legal source is written next to each term.
CREATE TABLE "retention_terms" (
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "record_kind" text NOT NULL CHECK ("record_kind" IN ('registration_no_case', 'procesregie_case', 'advice_case', 'information_request', 'documents')),
  "months" integer CHECK ("months" IS NULL OR "months" BETWEEN 1 AND 1200),
  "legal_source" text,
  "updated_by" uuid,
  "updated_by_name" text,
  "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
  PRIMARY KEY ("tenant_id", "record_kind")
);
--> statement-breakpoint
-- Four eyes: a request decided by a second ZVH person (never the requester).
CREATE TABLE "approvals" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "kind" text NOT NULL CHECK ("kind" IN ('retention_extension', 'export_release', 'triage_override')),
  "case_id" uuid REFERENCES "cases"("id"),
  "subject_id" uuid,
  "summary" text NOT NULL,
  "payload" jsonb NOT NULL DEFAULT '{}'::jsonb,
  "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'goedgekeurd', 'afgewezen')),
  "requested_by" uuid NOT NULL,
  "requested_by_name" text NOT NULL,
  "requested_at" timestamp with time zone NOT NULL DEFAULT now(),
  "decided_by" uuid,
  "decided_by_name" text,
  "decided_at" timestamp with time zone,
  "note" text,
  CHECK ("decided_by" IS NULL OR "decided_by" <> "requested_by")
);
--> statement-breakpoint
CREATE INDEX "approvals_open_idx" ON "approvals" ("tenant_id", "status", "requested_at");
--> statement-breakpoint
-- A retention extension of one case: reason and until-date; it holds once approved.
CREATE TABLE "retention_extensions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "case_id" uuid NOT NULL REFERENCES "cases"("id"),
  "reason" text NOT NULL,
  "until" date NOT NULL,
  "approval_id" uuid NOT NULL REFERENCES "approvals"("id"),
  "requested_by" uuid NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX "retention_extensions_case_idx" ON "retention_extensions" ("case_id");
--> statement-breakpoint
-- One record per daily retention run and tenant: what was anonymised (counts only).
CREATE TABLE "retention_runs" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "run_on" date NOT NULL,
  "at" timestamp with time zone NOT NULL DEFAULT now(),
  "registrations" integer NOT NULL,
  "cases" integer NOT NULL,
  "documents" integer NOT NULL,
  "persons" integer NOT NULL,
  "skipped_extended" integer NOT NULL
);
--> statement-breakpoint
-- Data-subject requests (AVG art. 15-21) received at the ZVH as the one contact point.
CREATE TABLE "data_subject_requests" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "person_id" uuid NOT NULL REFERENCES "persons"("id"),
  "kind" text NOT NULL CHECK ("kind" IN ('inzage', 'rectificatie', 'wissing', 'bezwaar')),
  "received_on" date NOT NULL,
  "deadline" date NOT NULL,
  "description" text NOT NULL,
  "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'besloten', 'uitgevoerd')),
  "decision" text CHECK ("decision" IN ('toegewezen', 'gedeeltelijk', 'afgewezen')),
  "decision_reasons" text,
  "decided_at" timestamp with time zone,
  "decided_by" uuid,
  "carried_out_at" timestamp with time zone,
  "carried_out_note" text,
  "release_approval_id" uuid REFERENCES "approvals"("id"),
  "released_at" timestamp with time zone,
  "created_by" uuid NOT NULL,
  "created_by_name" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "version" integer NOT NULL DEFAULT 1
);
--> statement-breakpoint
CREATE INDEX "data_subject_requests_tenant_idx" ON "data_subject_requests" ("tenant_id", "status", "deadline");
--> statement-breakpoint
-- The request forwarded to a participating partner (joint controller) whose data it concerns.
CREATE TABLE "data_subject_request_forwards" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "request_id" uuid NOT NULL REFERENCES "data_subject_requests"("id"),
  "partner_code" text NOT NULL,
  "forwarded_at" timestamp with time zone NOT NULL DEFAULT now(),
  "handled_at" timestamp with time zone,
  "handled_by" uuid,
  "handled_by_name" text,
  "handled_note" text,
  UNIQUE ("request_id", "partner_code")
);
--> statement-breakpoint
CREATE INDEX "data_subject_request_forwards_partner_idx" ON "data_subject_request_forwards" ("tenant_id", "partner_code", "handled_at");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON retention_terms, approvals, retention_extensions, retention_runs, data_subject_requests, data_subject_request_forwards TO zvh_app;
