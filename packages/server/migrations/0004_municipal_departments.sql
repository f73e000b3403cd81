-- SPDX-License-Identifier: EUPL-1.2
-- Municipal partners are one department per municipality (reference-data.md). "Is municipal" is a
-- property of the organisation; a professional works for one municipality or a few; a municipal
-- participant of a case is the department of one municipality (by default the case's own).
ALTER TABLE "organisations" ADD COLUMN "municipal" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- existing installations: the default tenant's reference data names these four as municipal
UPDATE "organisations" SET "municipal" = true WHERE "kind" = 'partner' AND "code" IN ('gemeente-oov', 'gemeente-sd', 'sociale-teams', 'leerplicht');
--> statement-breakpoint
CREATE TABLE "user_municipalities" (
	"user_id" uuid NOT NULL,
	"tenant_id" uuid NOT NULL,
	"municipality_code" text NOT NULL,
	CONSTRAINT "user_municipalities_pk" PRIMARY KEY("user_id", "municipality_code"),
	CONSTRAINT "user_municipalities_user_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id"),
	CONSTRAINT "user_municipalities_municipality_fk" FOREIGN KEY ("tenant_id", "municipality_code") REFERENCES "public"."municipalities"("tenant_id", "code")
);
--> statement-breakpoint
INSERT INTO "user_municipalities" ("user_id", "tenant_id", "municipality_code")
SELECT u."id", u."tenant_id", u."municipality_code" FROM "users" u
  JOIN "municipalities" m ON m."tenant_id" = u."tenant_id" AND m."code" = u."municipality_code"
 WHERE u."municipality_code" IS NOT NULL
ON CONFLICT DO NOTHING;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "user_municipalities" TO zvh_app;
--> statement-breakpoint
ALTER TABLE "case_participants" ADD COLUMN "municipality_code" text;
--> statement-breakpoint
-- a municipal participant named by its code alone was the department of the case's municipality
UPDATE "case_participants" cp SET "municipality_code" = r."municipality_code"
  FROM "cases" c, "registrations" r, "organisations" o
 WHERE c."id" = cp."case_id" AND r."id" = c."registration_id"
   AND o."tenant_id" = cp."tenant_id" AND o."code" = cp."partner_code" AND o."municipal";
--> statement-breakpoint
DROP INDEX IF EXISTS "case_participants_active_unique";
--> statement-breakpoint
CREATE UNIQUE INDEX "case_participants_active_unique" ON "case_participants" USING btree ("case_id", "partner_code", coalesce("municipality_code", '')) WHERE removed_at is null;
