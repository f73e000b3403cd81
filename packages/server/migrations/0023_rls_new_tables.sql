-- SPDX-License-Identifier: EUPL-1.2
-- Row-level security (0021) for the tables of sign-in, the processing log's chain, informing the
-- person, data-subject requests, four eyes, retention and document chunks, with the same
-- settings (zvh_tenant(), zvh_staff(), zvh_case_visible(), zvh_registration_visible()).

-- document contents: only with the document (whose own policy follows the case)
ALTER TABLE document_chunks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_document_chunk ON document_chunks TO zvh_app
  USING (tenant_id = zvh_tenant() AND (zvh_staff() OR EXISTS (SELECT 1 FROM documents d WHERE d.id = document_chunks.document_id)))
  WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff() OR EXISTS (SELECT 1 FROM documents d WHERE d.id = document_chunks.document_id)));
--> statement-breakpoint
-- informing the person: with the registration
ALTER TABLE registration_informing ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_registration_data ON registration_informing TO zvh_app
  USING (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_registration_visible(registration_id)))
  WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff() OR zvh_registration_visible(registration_id)));
--> statement-breakpoint
-- the processing log's chain and checkpoints: per tenant, insert-only like the log itself
ALTER TABLE processing_log_seal ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_seal_read ON processing_log_seal FOR SELECT TO zvh_app USING (tenant_id = zvh_tenant());
--> statement-breakpoint
CREATE POLICY zvh_seal_insert ON processing_log_seal FOR INSERT TO zvh_app WITH CHECK (tenant_id = zvh_tenant());
--> statement-breakpoint
ALTER TABLE processing_log_checkpoints ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_checkpoint_read ON processing_log_checkpoints FOR SELECT TO zvh_app USING (tenant_id = zvh_tenant());
--> statement-breakpoint
CREATE POLICY zvh_checkpoint_insert ON processing_log_checkpoints FOR INSERT TO zvh_app WITH CHECK (tenant_id = zvh_tenant());
--> statement-breakpoint
-- four eyes, retention: decided by ZVH staff only
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['approvals', 'retention_extensions', 'retention_terms', 'retention_runs'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY zvh_staff_only ON %I TO zvh_app USING (tenant_id = zvh_tenant() AND zvh_staff())
      WITH CHECK (tenant_id = zvh_tenant() AND zvh_staff())', t);
  END LOOP;
END $$;
--> statement-breakpoint
-- data-subject requests: the ZVH's privacy officer; a partner sees the requests forwarded to its
-- own organisation (its inbox) and marks its forward handled
ALTER TABLE data_subject_request_forwards ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_forward ON data_subject_request_forwards TO zvh_app
  USING (tenant_id = zvh_tenant() AND (zvh_staff() OR partner_code = zvh_org()))
  WITH CHECK (tenant_id = zvh_tenant() AND (zvh_staff() OR partner_code = zvh_org()));
--> statement-breakpoint
ALTER TABLE data_subject_requests ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY zvh_request ON data_subject_requests TO zvh_app
  USING (tenant_id = zvh_tenant() AND (zvh_staff() OR EXISTS (SELECT 1 FROM data_subject_request_forwards f WHERE f.request_id = data_subject_requests.id)))
  WITH CHECK (tenant_id = zvh_tenant() AND zvh_staff());
