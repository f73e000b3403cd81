-- SPDX-License-Identifier: EUPL-1.2
-- Verwerkingenlog (issues 11 and 12): the processing log partitioned by month (UTC), the
-- responsible partner of each processing (joint controllers under the WGS), the tamper-evident
-- hash chain (an insert-only side table filled by the sealer, core/log-chain.ts) with signed
-- checkpoints per tenant and month, and informing the person (AVG art. 14) per registration.
-- The application role keeps INSERT and SELECT on processing_log only; the partitions themselves
-- are not reachable for it at all (all access goes through the parent).
ALTER TABLE "processing_log" RENAME TO "processing_log_unpartitioned";
--> statement-breakpoint
ALTER INDEX "processing_log_case_idx" RENAME TO "processing_log_unpartitioned_case_idx";
--> statement-breakpoint
ALTER INDEX "processing_log_subject_idx" RENAME TO "processing_log_unpartitioned_subject_idx";
--> statement-breakpoint
ALTER TABLE "processing_log_unpartitioned" RENAME CONSTRAINT "processing_log_pkey" TO "processing_log_unpartitioned_pkey";
--> statement-breakpoint
ALTER SEQUENCE "processing_log_id_seq" OWNED BY NONE;
--> statement-breakpoint
CREATE TABLE "processing_log" (
  "id" bigint NOT NULL DEFAULT nextval('processing_log_id_seq'),
  "at" timestamp with time zone DEFAULT now() NOT NULL,
  "trace_id" text NOT NULL,
  "tenant_id" uuid NOT NULL,
  "activity" text NOT NULL,
  "purpose" text NOT NULL,
  "action" text NOT NULL,
  "actor_user_id" uuid,
  "actor_email" text NOT NULL,
  "actor_organisation" text NOT NULL,
  "data_subject_ref" uuid,
  "case_id" uuid,
  "registration_id" uuid,
  "outcome" text NOT NULL,
  "details" jsonb,
  -- the partner responsible for this processing (null: the actor's organisation, e.g. a bulk COPY)
  "responsible_partner" text,
  PRIMARY KEY ("id", "at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
ALTER SEQUENCE "processing_log_id_seq" OWNED BY "processing_log"."id";
--> statement-breakpoint
CREATE INDEX "processing_log_case_idx" ON "processing_log" ("tenant_id", "case_id", "at");
--> statement-breakpoint
CREATE INDEX "processing_log_registration_idx" ON "processing_log" ("tenant_id", "registration_id");
--> statement-breakpoint
CREATE INDEX "processing_log_subject_idx" ON "processing_log" ("tenant_id", "data_subject_ref");
--> statement-breakpoint
CREATE INDEX "processing_log_tenant_at_idx" ON "processing_log" ("tenant_id", "at");
--> statement-breakpoint
CREATE INDEX "processing_log_tenant_id_idx" ON "processing_log" ("tenant_id", "id");
--> statement-breakpoint
-- the hash chain: one row per sealed log record, in the same month partition as the record
CREATE TABLE "processing_log_seal" (
  "log_id" bigint NOT NULL,
  "at" timestamp with time zone NOT NULL,
  "tenant_id" uuid NOT NULL,
  "seq" integer NOT NULL,
  "hash" text NOT NULL,
  "sealed_at" timestamp with time zone DEFAULT now() NOT NULL,
  PRIMARY KEY ("log_id", "at")
) PARTITION BY RANGE ("at");
--> statement-breakpoint
CREATE INDEX "processing_log_seal_seq_idx" ON "processing_log_seal" ("tenant_id", "seq");
--> statement-breakpoint
CREATE INDEX "processing_log_seal_tenant_log_idx" ON "processing_log_seal" ("tenant_id", "log_id");
--> statement-breakpoint
CREATE TABLE "processing_log_default" PARTITION OF "processing_log" DEFAULT;
--> statement-breakpoint
CREATE TABLE "processing_log_seal_default" PARTITION OF "processing_log_seal" DEFAULT;
--> statement-breakpoint
-- signed checkpoints: the chain head of a tenant's month at a moment; `final` when the month is closed
CREATE TABLE "processing_log_checkpoints" (
  "id" bigserial PRIMARY KEY,
  "tenant_id" uuid NOT NULL,
  "month" date NOT NULL,
  "seq" integer NOT NULL,
  "last_hash" text NOT NULL,
  "final" boolean NOT NULL DEFAULT false,
  "key_id" text NOT NULL,
  "signature" text NOT NULL,
  "signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "processing_log_checkpoints_month_idx" ON "processing_log_checkpoints" ("tenant_id", "month", "seq");
--> statement-breakpoint
-- Creates the month partitions of the log and the chain for the month of p_month (idempotent and
-- safe when several instances call it at once). Rows that fell into the default partition for
-- that month move into the new partition. Runs as the owner; the app role may only call it.
CREATE FUNCTION "processing_log_ensure_partition"(p_month date) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
  m date := date_trunc('month', p_month)::date;
  nxt date := (date_trunc('month', p_month) + interval '1 month')::date;
  lo text := to_char(date_trunc('month', p_month), 'YYYY-MM-DD') || ' 00:00:00+00';
  hi text := to_char(date_trunc('month', p_month) + interval '1 month', 'YYYY-MM-DD') || ' 00:00:00+00';
  t text;
  part text;
BEGIN
  IF to_regclass('processing_log_' || to_char(m, 'YYYYMM')) IS NOT NULL
     AND to_regclass('processing_log_seal_' || to_char(m, 'YYYYMM')) IS NOT NULL THEN
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock(7420017);
  FOREACH t IN ARRAY ARRAY['processing_log', 'processing_log_seal'] LOOP
    part := t || '_' || to_char(m, 'YYYYMM');
    IF to_regclass(part) IS NULL THEN
      EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS)', part, t);
      EXECUTE format('REVOKE ALL ON %I FROM zvh_app', part);
      EXECUTE format('WITH moved AS (DELETE FROM %I WHERE "at" >= %L::timestamptz AND "at" < %L::timestamptz RETURNING *) INSERT INTO %I SELECT * FROM moved',
        t || '_default', lo, hi, part);
      EXECUTE format('ALTER TABLE %I ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', t, part, lo, hi);
    END IF;
  END LOOP;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION "processing_log_ensure_partition"(date) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "processing_log_ensure_partition"(date) TO zvh_app;
--> statement-breakpoint
-- partitions for every month with rows, and this month and the next two
DO $$
DECLARE m date;
BEGIN
  FOR m IN
    SELECT DISTINCT date_trunc('month', "at" AT TIME ZONE 'UTC')::date FROM "processing_log_unpartitioned"
    UNION SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + make_interval(months => g))::date FROM generate_series(0, 2) g
  LOOP
    PERFORM processing_log_ensure_partition(m);
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO "processing_log" ("id", "at", "trace_id", "tenant_id", "activity", "purpose", "action", "actor_user_id", "actor_email",
  "actor_organisation", "data_subject_ref", "case_id", "registration_id", "outcome", "details", "responsible_partner")
SELECT "id", "at", "trace_id", "tenant_id", "activity", "purpose", "action", "actor_user_id", "actor_email",
  "actor_organisation", "data_subject_ref", "case_id", "registration_id", "outcome", "details", "actor_organisation"
  FROM "processing_log_unpartitioned";
--> statement-breakpoint
DROP TABLE "processing_log_unpartitioned";
--> statement-breakpoint
GRANT SELECT, INSERT ON "processing_log", "processing_log_seal", "processing_log_checkpoints" TO zvh_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "processing_log", "processing_log_seal", "processing_log_checkpoints" FROM zvh_app;
--> statement-breakpoint
REVOKE ALL ON "processing_log_default", "processing_log_seal_default" FROM zvh_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE "processing_log_id_seq", "processing_log_checkpoints_id_seq" TO zvh_app;
--> statement-breakpoint
-- months written to a file and dropped from the database (npm run archive-log); only the owner writes
CREATE TABLE "processing_log_archives" (
  "month" date PRIMARY KEY,
  "file" text NOT NULL,
  "records" integer NOT NULL,
  "sha256" text NOT NULL,
  "archived_by" text NOT NULL,
  "archived_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "processing_log_archives" FROM zvh_app;
--> statement-breakpoint
-- Informing the person (AVG art. 14): one record per registration; no record = still open.
CREATE TABLE "registration_informing" (
  "registration_id" uuid PRIMARY KEY REFERENCES "registrations"("id"),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "status" text NOT NULL CHECK ("status" IN ('informed', 'not_informed')),
  "informed_on" date,
  "informed_by" text CHECK ("informed_by" IN ('registrant', 'zvh')),
  "channel" text CHECK ("channel" IN ('gesprek', 'telefoon', 'brief', 'email', 'anders')),
  "reason" text CHECK ("reason" IN ('doel_ondermijnd', 'gevaar', 'al_geinformeerd', 'onevenredige_inspanning')),
  "note" text,
  "recorded_by" uuid,
  "recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
  "version" integer NOT NULL DEFAULT 1,
  CHECK (("status" = 'informed' AND "informed_on" IS NOT NULL AND "informed_by" IS NOT NULL AND "channel" IS NOT NULL AND "reason" IS NULL)
      OR ("status" = 'not_informed' AND "reason" IS NOT NULL AND "informed_on" IS NULL))
);
--> statement-breakpoint
CREATE INDEX "registration_informing_tenant_idx" ON "registration_informing" ("tenant_id", "status");
