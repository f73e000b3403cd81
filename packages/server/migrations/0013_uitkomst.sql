-- SPDX-License-Identifier: EUPL-1.2
-- Uitkomst (issue 10): the Zelfredzaamheid-Matrix (ZRM, 1-5 per life domain) and the safety risk
-- (hoog, midden, laag), scored by the procesregisseur at the start of procesregie and at closure.
-- Versioned: every save is a new row (version 1, 2, ...) per case and moment; the highest version
-- is the current score, the earlier ones are the history. Rows are never changed or deleted.
CREATE TABLE "case_outcome_scores" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "case_id" uuid NOT NULL REFERENCES "cases"("id"),
  "moment" text NOT NULL CHECK ("moment" IN ('start', 'afsluiting')),
  "version" integer NOT NULL CHECK ("version" >= 1),
  "scores" jsonb NOT NULL DEFAULT '{}'::jsonb,
  "safety_risk" text CHECK ("safety_risk" IN ('hoog', 'midden', 'laag')),
  "recorded_by" uuid REFERENCES "users"("id"),
  "recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "case_outcome_scores_version_uq" UNIQUE ("case_id", "moment", "version")
);
--> statement-breakpoint
CREATE INDEX "case_outcome_scores_tenant_idx" ON "case_outcome_scores" ("tenant_id", "case_id");
--> statement-breakpoint
GRANT SELECT, INSERT ON "case_outcome_scores" TO zvh_app;
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON "case_outcome_scores" FROM zvh_app;
--> statement-breakpoint
-- the code list of the ZRM domains for the tenants that already exist (new tenants get it from the seed)
INSERT INTO "code_list_entries" ("tenant_id", "list", "code", "label", "sort")
SELECT t.id, 'zrmDomain', v.code, v.label, v.sort
  FROM "tenants" t CROSS JOIN (VALUES
    ('financien', 'Financiën', 0),
    ('dagbesteding', 'Dagbesteding', 1),
    ('huisvesting', 'Huisvesting', 2),
    ('huiselijke-relaties', 'Huiselijke relaties', 3),
    ('geestelijke-gezondheid', 'Geestelijke gezondheid', 4),
    ('lichamelijke-gezondheid', 'Lichamelijke gezondheid', 5),
    ('verslaving', 'Verslaving', 6),
    ('adl', 'ADL (algemene dagelijkse levensverrichtingen)', 7),
    ('sociaal-netwerk', 'Sociaal netwerk', 8),
    ('maatschappelijke-participatie', 'Maatschappelijke participatie', 9),
    ('justitie', 'Justitie', 10)
  ) AS v(code, label, sort)
ON CONFLICT DO NOTHING;
