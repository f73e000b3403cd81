-- SPDX-License-Identifier: EUPL-1.2
-- The annual report's age group as one plain expression (issue 12). The view of migration 0016
-- computed it with a sub-query per registration (WITH a(age) ... inside the CASE): a sub-plan the
-- leader ran once for every row of the tenant after the parallel join (44,000 times, ~90 of the
-- report's ~270 ms on a 40,000-case tenant). zvh_age_group is a single SQL expression, so the
-- planner inlines it into the view and the parallel workers compute it with the join. The rule is
-- the same: the age in whole years on the registration date, one less while the birthday
-- (birth date + that many years, 29 February on 28 February in a common year) is still to come;
-- the groups <18, 18-23, 24-40, 41-65, >65 by width_bucket over their lower bounds.
CREATE OR REPLACE FUNCTION zvh_age_group(birth date, on_date date) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN birth IS NULL OR on_date IS NULL THEN NULL ELSE
    (ARRAY['<18', '18-23', '24-40', '41-65', '>65'])[width_bucket(
       (extract(year from on_date)::int - extract(year from birth)::int)
       - CASE WHEN birth + make_interval(years => extract(year from on_date)::int - extract(year from birth)::int) > on_date THEN 1 ELSE 0 END,
       ARRAY[18, 24, 41, 66]) + 1]
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE VIEW report_dossiers WITH (security_invoker = true) AS
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
       coalesce(r.report_gender, p.gender) AS gender,
       coalesce(r.report_age_group, zvh_age_group(p.birth_date, r.registered_at)) AS age_group
  FROM registrations r
  LEFT JOIN persons p ON p.tenant_id = r.tenant_id AND p.id = r.person_id
  LEFT JOIN cases c ON c.tenant_id = r.tenant_id AND c.registration_id = r.id AND c.close_reason_code IS DISTINCT FROM 'triage-override-afgewezen';
