-- SPDX-License-Identifier: EUPL-1.2
-- Advies- en expertisecentrum, signaalfunctie, escalation and the stagnation radar (issue 10).
-- An advice question may be anonymous: no person and no municipality on its registration and
-- case. The report view keeps such rows (LEFT JOIN persons) so that they still count.
ALTER TABLE "registrations" ALTER COLUMN "person_id" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "registrations" ALTER COLUMN "municipality_code" DROP NOT NULL;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "person_id" DROP NOT NULL;
--> statement-breakpoint
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
       p.gender
  FROM registrations r
  LEFT JOIN persons p ON p.id = r.person_id
  LEFT JOIN cases c ON c.registration_id = r.id;
--> statement-breakpoint
-- The advice itself: question, advice given, time spent and the follow-up.
CREATE TABLE "advice_records" (
  "case_id" uuid PRIMARY KEY REFERENCES "cases"("id"),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "question" text NOT NULL,
  "advice" text,
  "minutes_spent" integer NOT NULL DEFAULT 0 CHECK ("minutes_spent" >= 0),
  "follow_up" text CHECK ("follow_up" IN ('aanmelder', 'procesregie')),
  "follow_up_registration_id" uuid REFERENCES "registrations"("id"),
  "anonymous" boolean NOT NULL DEFAULT false,
  "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
  "updated_by" uuid
);
--> statement-breakpoint
-- A procesregie registration made from an advice case points back at it (the history stays linked).
ALTER TABLE "registrations" ADD COLUMN "from_advice_case_id" uuid REFERENCES "cases"("id");
--> statement-breakpoint
CREATE TABLE "signals" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "category" text NOT NULL,
  "description" text NOT NULL,
  "addressed_to" text NOT NULL,
  "addressed_kind" text NOT NULL CHECK ("addressed_kind" IN ('municipality', 'partner', 'stuurgroep')),
  "status" text NOT NULL DEFAULT 'open' CHECK ("status" IN ('open', 'verzonden', 'in-behandeling', 'opgelost')),
  "sent_on" date,
  "created_by" uuid,
  "created_by_name" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "updated_at" timestamp with time zone NOT NULL DEFAULT now(),
  "version" integer NOT NULL DEFAULT 1
);
--> statement-breakpoint
CREATE INDEX "signals_tenant_sent_idx" ON "signals" ("tenant_id", "sent_on");
--> statement-breakpoint
CREATE TABLE "signal_cases" (
  "signal_id" uuid NOT NULL REFERENCES "signals"("id"),
  "case_id" uuid NOT NULL REFERENCES "cases"("id"),
  "tenant_id" uuid NOT NULL,
  PRIMARY KEY ("signal_id", "case_id")
);
--> statement-breakpoint
CREATE TABLE "signal_history" (
  "id" bigserial PRIMARY KEY,
  "signal_id" uuid NOT NULL REFERENCES "signals"("id"),
  "tenant_id" uuid NOT NULL,
  "at" timestamp with time zone NOT NULL DEFAULT now(),
  "from_status" text,
  "to_status" text NOT NULL,
  "actor_id" uuid,
  "actor_name" text NOT NULL,
  "note" text
);
--> statement-breakpoint
CREATE INDEX "signal_history_signal_idx" ON "signal_history" ("signal_id", "at");
--> statement-breakpoint
-- Escalation of a stalled agreement or case: first the partner's management, then the stuurgroep.
CREATE TABLE "escalations" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "case_id" uuid NOT NULL REFERENCES "cases"("id"),
  "agreement_id" uuid REFERENCES "agreements"("id"),
  "level" text NOT NULL CHECK ("level" IN ('management', 'stuurgroep')),
  "partner_code" text,
  "question" text NOT NULL,
  "due_date" date NOT NULL,
  "answer" text,
  "answered_at" timestamp with time zone,
  "answered_by_name" text,
  "created_by" uuid,
  "created_by_name" text NOT NULL,
  "created_at" timestamp with time zone NOT NULL DEFAULT now()
);
--> statement-breakpoint
CREATE INDEX "escalations_case_idx" ON "escalations" ("case_id", "created_at");
--> statement-breakpoint
-- The life domain (leefgebied, a problemArea code) an agreement works on; the radar groups by it.
ALTER TABLE "agreements" ADD COLUMN "life_domain" text;
--> statement-breakpoint
-- Who holds the regie in the case's current AVE phase (each change is a case event).
ALTER TABLE "cases" ADD COLUMN "regie_holder" text;
--> statement-breakpoint
-- The stagnation radar's proposals: one per rule and set of facts (fingerprint); a dismissed one
-- is never proposed again for the same facts.
CREATE TABLE "radar_proposals" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "rule" text NOT NULL,
  "fingerprint" text NOT NULL,
  "kind" text NOT NULL CHECK ("kind" IN ('signal', 'escalation')),
  "payload" jsonb NOT NULL,
  "status" text NOT NULL DEFAULT 'voorgesteld' CHECK ("status" IN ('voorgesteld', 'geaccepteerd', 'afgewezen')),
  "created_at" timestamp with time zone NOT NULL DEFAULT now(),
  "decided_at" timestamp with time zone,
  "decided_by" uuid,
  "decided_by_name" text,
  "reason" text,
  "result_id" uuid
);
--> statement-breakpoint
CREATE UNIQUE INDEX "radar_proposals_fingerprint_unique" ON "radar_proposals" ("tenant_id", "fingerprint");
--> statement-breakpoint
INSERT INTO code_list_entries (tenant_id, list, code, label, sort)
SELECT t.id, v.list, v.code, v.label, v.sort
  FROM tenants t CROSS JOIN (VALUES
    ('signalCategory', 'huisvesting', 'Geen passende huisvesting', 0),
    ('signalCategory', 'wachtlijst-zorg', 'Wachtlijst zorg', 1),
    ('signalCategory', 'partner-levert-niet', 'Partner kan afspraken niet nakomen', 2),
    ('signalCategory', 'wet-en-regelgeving', 'Knelpunt in wet- en regelgeving', 3),
    ('signalCategory', 'capaciteit-zvh', 'Capaciteit ZVH (wachttijd triage)', 4),
    ('signalCategory', 'overig', 'Overig', 5)
  ) AS v(list, code, label, sort)
ON CONFLICT DO NOTHING;
