-- SPDX-License-Identifier: EUPL-1.2
-- Informatieknooppunt: the informatiemakelaar's answer to an information request (one per
-- registration of kind informatievraag), and the questions to partners (verrijking) on a case
-- or a registration, each answered (or declined) by the asked organisation only. The catalogue
-- of standard questions is the tenant's code list `partnerQuestion`.
CREATE TABLE "information_answers" (
  "registration_id" uuid PRIMARY KEY REFERENCES "registrations"("id"),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "answer" text NOT NULL,
  "organisations" text[] DEFAULT '{}'::text[] NOT NULL,
  "contact" text,
  "answered_by" uuid NOT NULL REFERENCES "users"("id"),
  "answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_requests" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "case_id" uuid REFERENCES "cases"("id"),
  "registration_id" uuid REFERENCES "registrations"("id"),
  "partner_code" text NOT NULL,
  "municipality_code" text NOT NULL,
  "question_code" text,
  "question" text NOT NULL,
  "due_date" date NOT NULL,
  "asked_by" uuid NOT NULL REFERENCES "users"("id"),
  "asked_at" timestamp with time zone DEFAULT now() NOT NULL,
  "status" text DEFAULT 'open' NOT NULL,
  "answer" text,
  "refusal_reason" text,
  "answered_by" uuid REFERENCES "users"("id"),
  "answered_at" timestamp with time zone,
  CONSTRAINT "partner_requests_one_subject" CHECK (("case_id" IS NULL) <> ("registration_id" IS NULL)),
  CONSTRAINT "partner_requests_status" CHECK ("status" IN ('open', 'beantwoord', 'geen-informatie', 'geweigerd')),
  CONSTRAINT "partner_requests_answer" CHECK (
    ("status" = 'open' AND "answered_at" IS NULL AND "answer" IS NULL AND "refusal_reason" IS NULL)
    OR ("status" = 'beantwoord' AND "answered_at" IS NOT NULL AND "answer" IS NOT NULL)
    OR ("status" = 'geen-informatie' AND "answered_at" IS NOT NULL)
    OR ("status" = 'geweigerd' AND "answered_at" IS NOT NULL AND "refusal_reason" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "partner_requests_partner_idx" ON "partner_requests" ("tenant_id", "partner_code", "status");
--> statement-breakpoint
CREATE INDEX "partner_requests_case_idx" ON "partner_requests" ("case_id");
--> statement-breakpoint
CREATE INDEX "partner_requests_registration_idx" ON "partner_requests" ("registration_id");
--> statement-breakpoint
INSERT INTO "code_list_entries" ("tenant_id", "list", "code", "label", "sort")
SELECT t.id, 'partnerQuestion', q.code, q.label, q.sort
  FROM tenants t CROSS JOIN (VALUES
    ('bekend', 'Is betrokkene bekend bij uw organisatie?', 0),
    ('trajecten', 'Welke trajecten en maatregelen lopen er?', 1),
    ('risicos', 'Zijn er risico''s voor de veiligheid (van betrokkene, omgeving of hulpverleners)?', 2),
    ('contactpersoon', 'Wie is de contactpersoon of behandelaar bij uw organisatie?', 3),
    ('recente-contacten', 'Wat waren de recente contacten met betrokkene?', 4)
  ) AS q(code, label, sort)
ON CONFLICT DO NOTHING;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON information_answers, partner_requests TO zvh_app;
