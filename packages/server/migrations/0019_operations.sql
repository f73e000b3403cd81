-- SPDX-License-Identifier: EUPL-1.2
-- Operations (issue 12): the readiness check compares the applied migrations with the build's
-- journal, so the application role may read drizzle's bookkeeping (nothing else of that schema).
GRANT USAGE ON SCHEMA drizzle TO zvh_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO zvh_app;
