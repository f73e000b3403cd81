-- SPDX-License-Identifier: EUPL-1.2
-- The database as second line (issue 11). The application logs in as zvh_app: a login role that
-- owns nothing, cannot become the owner and is subject to row-level security. Every table with
-- case or personal data lets through only the rows the actor may see, decided from settings the
-- application sets per transaction (core/db scopedDb):
--   zvh.tenant_id       the tenant (uuid)
--   zvh.user_id         the signed-in user (uuid; '' for a system actor)
--   zvh.org             the actor's organisation code
--   zvh.staff           'on' for ZVH staff and system actors (jobs, import): every row of the tenant
--   zvh.municipalities  for a municipal partner's professional the municipalities they work for
--                       ('{GM0106,...}'); '' for everyone else
-- No setting: no rows. The rule is core/access.ts caseVisibleTo / registrationVisibleTo, written
-- once more here in SQL.

-- 1. zvh_app may log in, and can do nothing else (race-safe: roles are cluster-wide and test
--    databases are created concurrently; ALTER ROLE of the same role at once can fail).
DO $$
DECLARE
  tries int := 0;
BEGIN
  LOOP
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'zvh_app' AND rolcanlogin AND NOT rolsuper
                       AND NOT rolcreatedb AND NOT rolcreaterole AND NOT rolbypassrls AND NOT rolreplication) THEN
        ALTER ROLE zvh_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION;
      END IF;
      EXIT;
    EXCEPTION WHEN OTHERS THEN
      tries := tries + 1;
      IF tries > 50 THEN RAISE; END IF;
      PERFORM pg_sleep(0.05);
    END;
  END LOOP;
END $$;
--> statement-breakpoint
-- ... and is a member of no other role (so it can never SET ROLE to one that owns something)
DO $$
DECLARE
  g record;
BEGIN
  FOR g IN SELECT m.roleid::regrole::text AS name FROM pg_auth_members m WHERE m.member = 'zvh_app'::regrole LOOP
    BEGIN
      EXECUTE format('REVOKE %s FROM zvh_app', g.name);
    EXCEPTION WHEN OTHERS THEN
      NULL; -- revoked by a concurrent migration of another database
    END;
  END LOOP;
END $$;
--> statement-breakpoint

-- 2. The settings, read by the policies. STABLE and tiny: the planner evaluates them once.
CREATE OR REPLACE FUNCTION zvh_tenant() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('zvh.tenant_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zvh_user() RETURNS uuid LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('zvh.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zvh_org() RETURNS text LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('zvh.org', true), '') $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zvh_staff() RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT coalesce(current_setting('zvh.staff', true), '') = 'on' AND zvh_tenant() IS NOT NULL $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zvh_municipalities() RETURNS text[] LANGUAGE sql STABLE AS
$$ SELECT nullif(current_setting('zvh.municipalities', true), '')::text[] $$;
--> statement-breakpoint
-- Is (organisation, municipality) the actor's own department? For a non-municipal organisation
-- the code alone decides, for a municipal one also the municipality (access.ts ownDepartment).
CREATE OR REPLACE FUNCTION zvh_own_department(p_partner text, p_municipality text) RETURNS boolean LANGUAGE sql STABLE AS
$$ SELECT p_partner = zvh_org() AND (zvh_municipalities() IS NULL OR p_municipality = ANY (zvh_municipalities())) $$;
--> statement-breakpoint

-- 3. Visibility of a case and a registration (access.ts caseVisibleTo, registrationVisibleTo).
-- SECURITY DEFINER: they look at cases, participants and registrations, whose own policies call
-- them again (a SECURITY INVOKER version would recurse). They answer only true or false for the
-- current settings, and search_path is fixed.
CREATE OR REPLACE FUNCTION zvh_case_visible(p_case uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM cases c
     WHERE c.id = p_case AND c.tenant_id = zvh_tenant()
       AND (zvh_staff() OR (
             -- partner access ends 30 days after closure (PARTNER_ACCESS_AFTER_CLOSE_DAYS) ...
             (c.closed_at IS NULL OR c.closed_at >= current_date - 30)
             -- ... and when the organisation (for a municipality: its department) is removed
             AND EXISTS (SELECT 1 FROM case_participants cp
                          WHERE cp.case_id = c.id AND cp.removed_at IS NULL
                            AND zvh_own_department(cp.partner_code, coalesce(cp.municipality_code,
                                  (SELECT r0.municipality_code FROM registrations r0 WHERE r0.id = c.registration_id)))))))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zvh_registration_visible(p_registration uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (
    SELECT 1 FROM registrations r
     WHERE r.id = p_registration AND r.tenant_id = zvh_tenant()
       AND (zvh_staff()
            OR zvh_own_department(r.registering_partner, r.municipality_code)
            -- a participant of the case made of it sees the registration the case is about
            OR EXISTS (SELECT 1 FROM cases c WHERE c.registration_id = r.id AND zvh_case_visible(c.id))
            -- on the agenda of a registrations meeting (weegoverleg) of which the organisation is a member
            -- (the services narrow this to its liaison)
            OR EXISTS (SELECT 1 FROM meeting_items i JOIN meetings m ON m.id = i.meeting_id JOIN meeting_types t ON t.id = m.type_id
                        WHERE i.registration_id = r.id AND t.subject_kind = 'registrations' AND zvh_org() = ANY (t.member_organisations))))
$$;
--> statement-breakpoint
-- A partner asked a question about a case or registration (informatieknooppunt, partner_requests)
-- sees that case's or registration's own row (who the question is about) — not the case's data.
CREATE OR REPLACE FUNCTION zvh_asked_about_case(p_case uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM partner_requests pr WHERE pr.case_id = p_case AND pr.tenant_id = zvh_tenant()
                    AND zvh_own_department(pr.partner_code, pr.municipality_code))
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION zvh_asked_about_registration(p_registration uuid) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp AS $$
  SELECT EXISTS (SELECT 1 FROM partner_requests pr LEFT JOIN cases c ON c.id = pr.case_id
                  WHERE (pr.registration_id = p_registration OR c.registration_id = p_registration) AND pr.tenant_id = zvh_tenant()
                    AND zvh_own_department(pr.partner_code, pr.municipality_code))
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION zvh_case_visible(uuid), zvh_registration_visible(uuid), zvh_asked_about_case(uuid), zvh_asked_about_registration(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION zvh_tenant(), zvh_user(), zvh_org(), zvh_staff(), zvh_municipalities(),
  zvh_own_department(text, text), zvh_case_visible(uuid), zvh_registration_visible(uuid), zvh_asked_about_case(uuid),
  zvh_asked_about_registration(uuid) TO zvh_app;
--> statement-breakpoint

-- 4. The policies. ZVH staff first (a cheap OR-branch); the same rule for reading and writing
-- (USING and WITH CHECK), so nothing can be written into a case or tenant the actor cannot see.
DO $$
DECLARE
  t text;
BEGIN
  -- the case itself
  EXECUTE 'ALTER TABLE cases ENABLE ROW LEVEL SECURITY';
  EXECUTE $p$CREATE POLICY zvh_case ON cases TO zvh_app
    USING (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_case_visible(id) OR zvh_asked_about_case(id)))
    WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_case_visible(id) OR zvh_asked_about_case(id)))$p$;

  -- everything that belongs to one case
  FOREACH t IN ARRAY ARRAY['case_participants', 'agreements', 'journal_entries', 'documents', 'case_outcome_scores',
                           'advice_records', 'escalations', 'signal_cases'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY zvh_case_data ON %I TO zvh_app
      USING (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_case_visible(case_id)))
      WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_case_visible(case_id)))', t);
  END LOOP;

  -- registrations and what belongs to one registration
  EXECUTE 'ALTER TABLE registrations ENABLE ROW LEVEL SECURITY';
  EXECUTE $p$CREATE POLICY zvh_registration ON registrations TO zvh_app
    USING (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_own_department(registering_partner, municipality_code) OR zvh_registration_visible(id)
           OR zvh_asked_about_registration(id)))
    WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_own_department(registering_partner, municipality_code) OR zvh_registration_visible(id)))$p$;
  -- (the row's own columns first: a new row is not yet visible to the function's snapshot)
  EXECUTE 'ALTER TABLE registration_relations ENABLE ROW LEVEL SECURITY';
  EXECUTE $p$CREATE POLICY zvh_registration_data ON registration_relations TO zvh_app
    USING (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_registration_visible(registration_id)))
    WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_registration_visible(registration_id)))$p$;

  -- rows about a case or a registration (or, with neither, about the tenant: ZVH staff only)
  EXECUTE 'ALTER TABLE case_events ENABLE ROW LEVEL SECURITY';
  EXECUTE $p$CREATE POLICY zvh_case_or_registration ON case_events TO zvh_app
    USING (tenant_id = zvh_tenant() AND (zvh_staff()
           OR (case_id IS NOT NULL AND zvh_case_visible(case_id))
           OR (registration_id IS NOT NULL AND zvh_registration_visible(registration_id))))
    WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff()
           OR (case_id IS NOT NULL AND (zvh_case_visible(case_id) OR zvh_asked_about_case(case_id)))
           OR (registration_id IS NOT NULL AND (zvh_registration_visible(registration_id) OR zvh_asked_about_registration(registration_id)))))$p$;

  -- the stagnation radar's proposals: the ZVH's own work
  EXECUTE 'ALTER TABLE radar_proposals ENABLE ROW LEVEL SECURITY';
  EXECUTE 'CREATE POLICY zvh_staff_only ON radar_proposals TO zvh_app USING (tenant_id = zvh_tenant() AND zvh_staff())
    WITH CHECK (tenant_id = zvh_tenant() AND zvh_staff())';

  -- tenant only: persons (a registering partner must find an existing person by BSN before any
  -- registration links it; the services decide what of a person is shown), and data that the
  -- services filter further by organisation or meeting (facilitated records: by organisation and
  -- municipality, facilitering/service.ts recordVisibleTo; an agenda lists every item, the ones the
  -- actor may not see as a closed item without content)
  FOREACH t IN ARRAY ARRAY['persons', 'veelpleger_records', 'lpco_records', 'nazorg_records', 'meetings', 'meeting_items', 'meeting_item_agreements', 'meeting_contributions', 'partner_requests',
                           'information_answers', 'signals', 'signal_history', 'digest_sends', 'capacity_years',
                           'meeting_types', 'case_number_counters'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY zvh_tenant ON %I TO zvh_app USING (tenant_id = zvh_tenant()) WITH CHECK (tenant_id = zvh_tenant())', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- notifications: one's own (ZVH staff: the tenant's); anyone of the tenant may notify another user
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_notification_read ON notifications FOR SELECT TO zvh_app
  USING (tenant_id = zvh_tenant() AND (zvh_staff() OR user_id = zvh_user()));
--> statement-breakpoint
CREATE POLICY zvh_notification_update ON notifications FOR UPDATE TO zvh_app
  USING (tenant_id = zvh_tenant() AND (zvh_staff() OR user_id = zvh_user())) WITH CHECK (tenant_id = zvh_tenant());
--> statement-breakpoint
CREATE POLICY zvh_notification_delete ON notifications FOR DELETE TO zvh_app
  USING (tenant_id = zvh_tenant() AND (zvh_staff() OR user_id = zvh_user()));
--> statement-breakpoint
CREATE POLICY zvh_notification_insert ON notifications FOR INSERT TO zvh_app WITH CHECK (tenant_id = zvh_tenant());
--> statement-breakpoint
-- the processing log: insert-only for the application (UPDATE, DELETE, TRUNCATE revoked in 0001),
-- read within the tenant
ALTER TABLE processing_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_log_read ON processing_log FOR SELECT TO zvh_app USING (tenant_id = zvh_tenant());
--> statement-breakpoint
CREATE POLICY zvh_log_insert ON processing_log FOR INSERT TO zvh_app WITH CHECK (tenant_id = zvh_tenant());
--> statement-breakpoint
REVOKE UPDATE, DELETE, TRUNCATE ON processing_log, security_log, case_events, case_outcome_scores FROM zvh_app;
--> statement-breakpoint
-- a transfer to another ZVH: seen by the ZVH staff of both tenants
ALTER TABLE zvh_transfers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_transfer ON zvh_transfers TO zvh_app
  USING (zvh_staff() AND (from_tenant_id = zvh_tenant() OR to_tenant_id = zvh_tenant()))
  WITH CHECK (zvh_staff() AND (from_tenant_id = zvh_tenant() OR to_tenant_id = zvh_tenant()));
--> statement-breakpoint
-- the report view reads with the rights of whoever queries it (PostgreSQL 15), so the policies apply
ALTER VIEW report_dossiers SET (security_invoker = true);
