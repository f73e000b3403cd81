-- SPDX-License-Identifier: EUPL-1.2
-- The cost split rule's rounding is a named choice now (api-contract.md, "Capacity model and
-- cost split"): `hundreds-down` (seed 002's 2018 table) or `euro` (its 2019-2022 table). The
-- former `roundDownTo` multiple becomes `rounding`: 1 (whole euros) maps to `euro`, anything else
-- (the default 100) to `hundreds-down`. The nazorg plustaak fee needs no migration: a tenant
-- without it gets the default of seed 002 (15,000 euro a year) when read.
UPDATE tenants
   SET settings = jsonb_set(
         settings #- '{costSplit,rule,roundDownTo}',
         '{costSplit,rule,rounding}',
         to_jsonb(CASE WHEN settings #>> '{costSplit,rule,roundDownTo}' = '1' THEN 'euro' ELSE 'hundreds-down' END),
         true)
 WHERE settings #> '{costSplit,rule,roundDownTo}' IS NOT NULL;
