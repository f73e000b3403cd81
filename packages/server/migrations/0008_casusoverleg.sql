-- SPDX-License-Identifier: EUPL-1.2
-- Casusoverleggen (4 of 7): meeting types per tenant, meetings, agenda items, contributions,
-- minutes (their agreements land in the case's plan) and the secret calendar feed tokens.
CREATE TABLE "meeting_types" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "code" text NOT NULL,
  "name" text NOT NULL,
  "chair_organisation" text NOT NULL,
  "member_organisations" text[] DEFAULT '{}'::text[] NOT NULL,
  "frequency" jsonb DEFAULT '{"kind":"adhoc"}'::jsonb NOT NULL,
  "location" text,
  "video_link" text,
  "subject_kind" text NOT NULL,
  "active" boolean DEFAULT true NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_types_code_unique" ON "meeting_types" ("tenant_id", "code");
--> statement-breakpoint
CREATE TABLE "meetings" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "type_id" uuid NOT NULL REFERENCES "meeting_types"("id"),
  "series_key" text,
  "region" text,
  "starts_at" timestamp with time zone NOT NULL,
  "ends_at" timestamp with time zone,
  "location" text,
  "video_link" text,
  "status" text DEFAULT 'gepland' NOT NULL,
  "chair_user_id" uuid REFERENCES "users"("id"),
  "minute_taker_id" uuid REFERENCES "users"("id"),
  "confidentiality_at" timestamp with time zone,
  "confidentiality_by" uuid,
  "confidentiality_text" text,
  "minutes_approved_at" timestamp with time zone,
  "minutes_approved_by" uuid,
  "created_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meetings_tenant_start_idx" ON "meetings" ("tenant_id", "starts_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "meetings_series_unique" ON "meetings" ("type_id", "series_key") WHERE "series_key" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "meeting_items" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "tenant_id" uuid NOT NULL,
  "meeting_id" uuid NOT NULL REFERENCES "meetings"("id"),
  "case_id" uuid REFERENCES "cases"("id"),
  "registration_id" uuid REFERENCES "registrations"("id"),
  "position" integer NOT NULL,
  "question" text NOT NULL,
  "conclusion" text,
  "decisions" text,
  "attendees" jsonb DEFAULT '[]'::jsonb NOT NULL,
  "subject_present" boolean,
  "minuted_at" timestamp with time zone,
  "minuted_by" uuid,
  "created_by" uuid,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "meeting_items_one_subject" CHECK (("case_id" IS NULL) <> ("registration_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX "meeting_items_meeting_idx" ON "meeting_items" ("meeting_id", "position");
--> statement-breakpoint
CREATE INDEX "meeting_items_case_idx" ON "meeting_items" ("case_id");
--> statement-breakpoint
CREATE TABLE "meeting_item_agreements" (
  "item_id" uuid NOT NULL REFERENCES "meeting_items"("id"),
  "agreement_id" uuid NOT NULL REFERENCES "agreements"("id"),
  "tenant_id" uuid NOT NULL,
  PRIMARY KEY ("item_id", "agreement_id")
);
--> statement-breakpoint
CREATE TABLE "meeting_contributions" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "tenant_id" uuid NOT NULL,
  "item_id" uuid NOT NULL REFERENCES "meeting_items"("id"),
  "organisation_code" text NOT NULL,
  "author_id" uuid,
  "author_name" text NOT NULL,
  "known_facts" text,
  "involvement" text,
  "risks" text,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "meeting_contributions_item_idx" ON "meeting_contributions" ("item_id");
--> statement-breakpoint
CREATE TABLE "calendar_tokens" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "tenant_id" uuid NOT NULL,
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "token_hash" text NOT NULL,
  "token_sealed" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_tokens_hash_unique" ON "calendar_tokens" ("token_hash");
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_tokens_active_unique" ON "calendar_tokens" ("user_id") WHERE "revoked_at" IS NULL;
