-- SPDX-License-Identifier: EUPL-1.2
-- The database itself refuses a state the application does not know: the states of a
-- registration and a case (@zvh/shared STATUSES, the one table of states and transitions), the
-- kind of a registration and a case (the report definitions' caseKind), an agreement's and a
-- meeting's status. The API's response schemas promise exactly these values; until now only the
-- application kept them. core/db/status-checks.test.ts keeps these lists equal to the constants.
-- NOT VALID and then VALIDATE: the check of the existing rows takes no lock that stops reads or writes.
ALTER TABLE "cases" ADD CONSTRAINT "cases_status_check" CHECK ("status" IN ('aangemeld', 'in_triage', 'teruggelegd', 'doorverwezen', 'advies', 'procesregie_lopend', 'afgesloten', 'heropend', 'beantwoord')) NOT VALID;
--> statement-breakpoint
ALTER TABLE "cases" VALIDATE CONSTRAINT "cases_status_check";
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_status_check" CHECK ("status" IN ('aangemeld', 'in_triage', 'teruggelegd', 'doorverwezen', 'advies', 'procesregie_lopend', 'afgesloten', 'heropend', 'beantwoord')) NOT VALID;
--> statement-breakpoint
ALTER TABLE "registrations" VALIDATE CONSTRAINT "registrations_status_check";
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_kind_check" CHECK ("kind" IN ('procesregie', 'advies', 'informatievraag')) NOT VALID;
--> statement-breakpoint
ALTER TABLE "cases" VALIDATE CONSTRAINT "cases_kind_check";
--> statement-breakpoint
ALTER TABLE "registrations" ADD CONSTRAINT "registrations_kind_check" CHECK ("kind" IN ('procesregie', 'advies', 'informatievraag')) NOT VALID;
--> statement-breakpoint
ALTER TABLE "registrations" VALIDATE CONSTRAINT "registrations_kind_check";
--> statement-breakpoint
ALTER TABLE "agreements" ADD CONSTRAINT "agreements_status_check" CHECK ("status" IN ('open', 'done', 'cancelled')) NOT VALID;
--> statement-breakpoint
ALTER TABLE "agreements" VALIDATE CONSTRAINT "agreements_status_check";
--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_status_check" CHECK ("status" IN ('gepland', 'geannuleerd')) NOT VALID;
--> statement-breakpoint
ALTER TABLE "meetings" VALIDATE CONSTRAINT "meetings_status_check";
