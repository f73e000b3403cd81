-- SPDX-License-Identifier: EUPL-1.2
-- Andere ZVH (issue 10): the keyed pseudonym of a person's BSN on which the tenants of one
-- installation match ("bekend bij een ander ZVH"), and the offers to transfer a case to another
-- tenant. The pseudonym needs the installation's secret (PSEUDONYM_SECRET), which the database
-- never sees: the application computes it at start-up and before every check for each person
-- whose pseudonym is missing or was made with another secret. A change of the BSN (or a merge,
-- which clears it) clears the pseudonym here, so a stale one can never match.
ALTER TABLE "persons" ADD COLUMN "bsn_pseudonym" text;
--> statement-breakpoint
CREATE INDEX "persons_bsn_pseudonym_idx" ON "persons" ("bsn_pseudonym") WHERE "bsn_pseudonym" IS NOT NULL AND "merged_into" IS NULL;
--> statement-breakpoint
CREATE FUNCTION persons_clear_pseudonym() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.bsn IS DISTINCT FROM OLD.bsn AND NEW.bsn_pseudonym IS NOT DISTINCT FROM OLD.bsn_pseudonym THEN
    NEW.bsn_pseudonym := NULL;
  END IF;
  IF NEW.bsn IS NULL THEN
    NEW.bsn_pseudonym := NULL;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER persons_clear_pseudonym BEFORE UPDATE ON persons FOR EACH ROW EXECUTE FUNCTION persons_clear_pseudonym();
--> statement-breakpoint
CREATE TABLE "zvh_transfers" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "from_tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "from_case_id" uuid NOT NULL REFERENCES "cases"("id"),
  "to_tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "reason" text NOT NULL,
  "status" text NOT NULL DEFAULT 'aangeboden' CHECK ("status" IN ('aangeboden', 'geaccepteerd', 'geweigerd')),
  "offered_by" uuid,
  "offered_at" timestamp with time zone NOT NULL DEFAULT now(),
  "decided_at" timestamp with time zone,
  "decision_reason" text,
  "received_case_id" uuid REFERENCES "cases"("id"),
  CHECK ("from_tenant_id" <> "to_tenant_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "zvh_transfers_pending_unique" ON "zvh_transfers" ("from_case_id") WHERE "status" = 'aangeboden';
--> statement-breakpoint
CREATE INDEX "zvh_transfers_to_idx" ON "zvh_transfers" ("to_tenant_id", "status");
