-- SPDX-License-Identifier: EUPL-1.2
-- Planner statistics for the application. PostgreSQL's autovacuum keeps them current; the embedded
-- database (PGlite) has no autovacuum, so without this the planner keeps the estimates of an empty
-- database and picks nested loops that rescan whole tables (a retention run over 20,000 persons
-- took longer than 15 minutes). The application role owns nothing and may not ANALYZE itself:
-- this function (owned by the owner, SECURITY DEFINER) lets it refresh the statistics and do
-- nothing else. Called at start-up and hourly on PGlite, and after every import on both.
CREATE OR REPLACE FUNCTION zvh_analyze() RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER
  SET search_path = pg_catalog, public
  AS $$ BEGIN ANALYZE; END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION zvh_analyze() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION zvh_analyze() TO zvh_app;
