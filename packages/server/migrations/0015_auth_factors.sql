-- SPDX-License-Identifier: EUPL-1.2
-- Sign-in (issue 11): when a session last proved password + second factor (fresh authentication),
-- single-use recovery codes for TOTP (stored as SHA-256 of an 80-bit random code), passkeys
-- (WebAuthn credentials) and the challenges of their ceremonies.
ALTER TABLE "sessions" ADD COLUMN "authenticated_at" timestamp with time zone DEFAULT now() NOT NULL;
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "second_factor" text;
--> statement-breakpoint
CREATE TABLE "recovery_codes" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "code_hash" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "recovery_codes_hash_unique" ON "recovery_codes" ("user_id", "code_hash");
--> statement-breakpoint
CREATE TABLE "passkeys" (
  "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  "user_id" uuid NOT NULL REFERENCES "users"("id"),
  "tenant_id" uuid NOT NULL REFERENCES "tenants"("id"),
  "credential_id" text NOT NULL,
  "public_key" text NOT NULL,
  "counter" bigint DEFAULT 0 NOT NULL,
  "transports" text[] DEFAULT '{}' NOT NULL,
  "name" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "passkeys_credential_unique" ON "passkeys" ("credential_id");
--> statement-breakpoint
CREATE INDEX "passkeys_user_idx" ON "passkeys" ("user_id");
--> statement-breakpoint
CREATE TABLE "webauthn_challenges" (
  "challenge" text PRIMARY KEY,
  "purpose" text NOT NULL CHECK ("purpose" IN ('register', 'authenticate')),
  "user_id" uuid REFERENCES "users"("id"),
  "expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON recovery_codes, passkeys, webauthn_challenges TO zvh_app;
