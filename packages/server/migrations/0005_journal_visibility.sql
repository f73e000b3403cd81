-- SPDX-License-Identifier: EUPL-1.2
-- Issue 8, defect 3: every journal entry and document names its audience explicitly (no default):
-- 'zvh' (the ZVH only, plus the author's own organisation), 'all' (every participant) or
-- 'selected' (the ZVH plus the participants in shared_with). Journal entries can be withdrawn by
-- their author shortly after posting and corrected later; a correction is a new row pointing at
-- the version it replaces, which is kept (marked corrected).
ALTER TABLE "journal_entries" ALTER COLUMN "visibility" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD COLUMN "shared_with" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD COLUMN "withdraw_reason" text;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD COLUMN "corrected_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_corrects_id_fk" FOREIGN KEY ("corrects_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_visibility_check" CHECK ("visibility" in ('zvh', 'all', 'selected') and (("visibility" = 'selected') = (cardinality("shared_with") > 0)));--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_corrects_unique" ON "journal_entries" USING btree ("corrects_id") WHERE "corrects_id" is not null;--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "visibility" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "shared_with" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_visibility_check" CHECK ("visibility" in ('zvh', 'all', 'selected') and (("visibility" = 'selected') = (cardinality("shared_with") > 0)));
