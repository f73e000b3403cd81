-- SPDX-License-Identifier: EUPL-1.2
-- One index less to maintain on every write of a case (issue 12: the import is bound by index
-- upkeep). cases_person_idx (tenant_id, person_id) repeats cases_person_id_idx (person_id) of
-- migration 0018: a person belongs to one tenant, so every lookup by person, with or without the
-- tenant, is served by the person's index alone.
DROP INDEX IF EXISTS "cases_person_idx";
