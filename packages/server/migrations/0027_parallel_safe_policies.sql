-- SPDX-License-Identifier: EUPL-1.2
-- The functions of the row-level-security policies (migrations 0021, 0023) read tables and the
-- scope's settings and change nothing: parallel safe. Declared PARALLEL UNSAFE (the default for a
-- function), they kept every query of the application from using parallel workers, where the
-- owner's same query did: the annual report's join of a tenant's registrations, persons and cases
-- ran on one core (issue 12). Parallel workers get the leader's settings (set_config), so the
-- policies decide the same in them (core/db/row-level-security.test.ts runs a parallel plan).
ALTER FUNCTION zvh_tenant() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_user() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_org() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_staff() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_municipalities() PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_own_department(text, text) PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_case_visible(uuid) PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_registration_visible(uuid) PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_asked_about_case(uuid) PARALLEL SAFE;
--> statement-breakpoint
ALTER FUNCTION zvh_asked_about_registration(uuid) PARALLEL SAFE;
