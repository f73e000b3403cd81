-- SPDX-License-Identifier: EUPL-1.2
-- Issue 8, defect 7: a new TOTP secret waits in totp_pending_secret until it is confirmed with a
-- code; the enabled secret (totp_secret) stays in force until then.
ALTER TABLE "users" ADD COLUMN "totp_pending_secret" text;
--> statement-breakpoint
UPDATE "users" SET "totp_pending_secret" = "totp_secret", "totp_secret" = NULL WHERE NOT "totp_enabled" AND "totp_secret" IS NOT NULL;
