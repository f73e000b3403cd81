-- SPDX-License-Identifier: EUPL-1.2
-- One row per registration (aanmelding) with its case, for the annual report and capacity
-- counts. requested_kind is what the registrant asked for; case_kind what triage made of it.
CREATE VIEW report_dossiers AS
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
       p.gender
  FROM registrations r
  JOIN persons p ON p.id = r.person_id
  LEFT JOIN cases c ON c.registration_id = r.id;
--> statement-breakpoint
GRANT SELECT ON report_dossiers TO zvh_app;
