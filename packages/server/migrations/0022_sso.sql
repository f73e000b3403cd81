-- SPDX-License-Identifier: EUPL-1.2
-- Single sign-on per organisation (OpenID Connect): the configuration the beheerder sets, and
-- the pending sign-ins (state, nonce, PKCE verifier) kept server-side, single use, with expiry.
CREATE TABLE "organisation_sso" (
  "tenant_id" uuid NOT NULL,
  "organisation_code" text NOT NULL,
  "issuer" text NOT NULL,
  "client_id" text NOT NULL,
  "client_secret" text NOT NULL,
  "email_claim" text DEFAULT 'email' NOT NULL,
  "enabled" boolean DEFAULT false NOT NULL,
  "mfa_trusted" boolean DEFAULT false NOT NULL,
  "updated_at" timestamp with time zone DEFAULT now() NOT NULL,
  CONSTRAINT "organisation_sso_pk" PRIMARY KEY ("tenant_id", "organisation_code"),
  CONSTRAINT "organisation_sso_organisation_fk" FOREIGN KEY ("tenant_id", "organisation_code") REFERENCES "organisations"("tenant_id", "code")
);
--> statement-breakpoint
CREATE TABLE "sso_states" (
  "state" text PRIMARY KEY NOT NULL,
  "tenant_id" uuid NOT NULL,
  "organisation_code" text NOT NULL,
  "code_verifier" text NOT NULL,
  "nonce" text NOT NULL,
  "created_at" timestamp with time zone DEFAULT now() NOT NULL,
  "expires_at" timestamp with time zone NOT NULL,
  "used_at" timestamp with time zone,
  CONSTRAINT "sso_states_organisation_fk" FOREIGN KEY ("tenant_id", "organisation_code") REFERENCES "organisations"("tenant_id", "code")
);
--> statement-breakpoint
CREATE INDEX "sso_states_expires_at_idx" ON "sso_states" ("expires_at");
