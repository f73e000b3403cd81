-- SPDX-License-Identifier: EUPL-1.2
-- Four eyes on adding a partner with professional secrecy (beroepsgeheim: ggz, huisarts, Veilig
-- Thuis, ...) to a running case: the beheerder marks such an organisation; adding it as a
-- participant after the triage waits for a second ZVH person's approval (kind partner_secrecy;
-- the partner, department and reason wait in approvals.payload until the decision).
ALTER TABLE "organisations" ADD COLUMN "professional_secrecy" boolean NOT NULL DEFAULT false;
--> statement-breakpoint
-- The demo seed's mental-health partner has professional secrecy (new tenants get it from the seed).
UPDATE "organisations" SET "professional_secrecy" = true WHERE "code" = 'ggz-drenthe';
--> statement-breakpoint
ALTER TABLE "approvals" DROP CONSTRAINT "approvals_kind_check";
--> statement-breakpoint
ALTER TABLE "approvals" ADD CONSTRAINT "approvals_kind_check"
  CHECK ("kind" IN ('retention_extension', 'export_release', 'triage_override', 'partner_secrecy'));
--> statement-breakpoint
-- At most one open request per case and partner (department): a second one answers 409.
CREATE UNIQUE INDEX "approvals_open_partner_idx" ON "approvals" ("case_id", ("payload"->>'partner'), coalesce("payload"->>'municipality', ''))
  WHERE "kind" = 'partner_secrecy' AND "status" = 'open';
