-- SPDX-License-Identifier: EUPL-1.2
-- The persons whose BSN pseudonym is missing or of another secret (modules/andere-zvh/pseudonym.ts),
-- found by ranges of this index instead of a scan of every person of the installation for each
-- batch of each tenant (issue 12: 25 scans of 1M persons at every start). Persons without a BSN
-- never need one and are left out. Byte order (COLLATE "C"): a locale may ignore the ":" of the prefix.
CREATE INDEX IF NOT EXISTS "persons_pseudonym_todo_idx" ON "persons" ("tenant_id", "bsn_pseudonym" COLLATE "C") WHERE "bsn" IS NOT NULL;
