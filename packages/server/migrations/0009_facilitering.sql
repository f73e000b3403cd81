-- SPDX-License-Identifier: EUPL-1.2
-- Records of the meetings the ZVH facilitates (veelplegersoverleg, LPCO, nazorgoverleg). They
-- are NOT ZVH cases: no registration, no case, never in report_dossiers, so they never change the
-- procesregie/advice/information-request figures or the capacity model. The annual report counts
-- them in its own section `facilitated`. externalId (from the import) is unique per tenant across
-- these tables and registrations; the import checks that under its per-tenant advisory lock.
CREATE TABLE "veelpleger_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"external_id" text,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"municipality_code" text NOT NULL,
	"registering_partner" text NOT NULL,
	"status" text NOT NULL,
	"registered_at" date NOT NULL,
	"closed_at" date,
	"previous_id" uuid REFERENCES "veelpleger_records"("id"),
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "veelpleger_records_municipality_fk" FOREIGN KEY ("tenant_id", "municipality_code") REFERENCES "municipalities"("tenant_id", "code"),
	CONSTRAINT "veelpleger_records_dates" CHECK ("closed_at" IS NULL OR "closed_at" >= "registered_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "veelpleger_records_external_unique" ON "veelpleger_records" USING btree ("tenant_id", "external_id") WHERE external_id is not null;
--> statement-breakpoint
CREATE INDEX "veelpleger_records_person" ON "veelpleger_records" USING btree ("tenant_id", "person_id", "registered_at");
--> statement-breakpoint
CREATE TABLE "lpco_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"external_id" text,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"concerns" text DEFAULT 'leerling' NOT NULL,
	"municipality_code" text NOT NULL,
	"registering_partner" text NOT NULL,
	"registered_at" date NOT NULL,
	"discussed_at" date,
	"outcome" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lpco_records_municipality_fk" FOREIGN KEY ("tenant_id", "municipality_code") REFERENCES "municipalities"("tenant_id", "code"),
	CONSTRAINT "lpco_records_concerns" CHECK ("concerns" IN ('leerling', 'ouders', 'leerling-en-ouders')),
	CONSTRAINT "lpco_records_dates" CHECK ("discussed_at" IS NULL OR "discussed_at" >= "registered_at"),
	CONSTRAINT "lpco_records_outcome" CHECK (("discussed_at" IS NULL) = ("outcome" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "lpco_records_external_unique" ON "lpco_records" USING btree ("tenant_id", "external_id") WHERE external_id is not null;
--> statement-breakpoint
CREATE INDEX "lpco_records_discussed" ON "lpco_records" USING btree ("tenant_id", "discussed_at");
--> statement-breakpoint
CREATE TABLE "nazorg_records" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
	"external_id" text,
	"person_id" uuid NOT NULL REFERENCES "persons"("id"),
	"municipality_code" text NOT NULL,
	"registering_partner" text NOT NULL,
	"registered_at" date NOT NULL,
	"released_at" date,
	"closed_at" date,
	"consent_given" boolean,
	"consent_date" date,
	"consent_recorded_by" uuid,
	"consent_recorded_at" timestamp with time zone,
	"conditions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"registration_id" uuid REFERENCES "registrations"("id"),
	"escalated_at" timestamp with time zone,
	"escalated_by" uuid,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "nazorg_records_municipality_fk" FOREIGN KEY ("tenant_id", "municipality_code") REFERENCES "municipalities"("tenant_id", "code"),
	CONSTRAINT "nazorg_records_released" CHECK ("released_at" IS NULL OR "released_at" >= "registered_at"),
	CONSTRAINT "nazorg_records_closed" CHECK ("closed_at" IS NULL OR "closed_at" >= "registered_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "nazorg_records_external_unique" ON "nazorg_records" USING btree ("tenant_id", "external_id") WHERE external_id is not null;
--> statement-breakpoint
CREATE INDEX "nazorg_records_municipality" ON "nazorg_records" USING btree ("tenant_id", "municipality_code");
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON veelpleger_records, lpco_records, nazorg_records TO zvh_app;
--> statement-breakpoint
-- reference-data.md lists the municipal partner `leerplicht` (it registers the LPCO records); tenants
-- seeded before it was in the defaults get it now (an administrator's own changes are kept)
INSERT INTO organisations (tenant_id, code, name, kind, domain, active)
SELECT id, 'leerplicht', 'Leerplicht en RMC (gemeente)', 'partner', 'gemeente', true FROM tenants
ON CONFLICT (tenant_id, code) DO NOTHING;
