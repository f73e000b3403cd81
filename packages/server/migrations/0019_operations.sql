-- SPDX-License-Identifier: EUPL-1.2
-- Operations (issue 12): the readiness check compares the applied migrations with the build's
-- journal, so the application role may read drizzle's bookkeeping (nothing else of that schema).
GRANT USAGE ON SCHEMA drizzle TO zvh_app;
--> statement-breakpoint
GRANT SELECT ON drizzle.__drizzle_migrations TO zvh_app;
--> statement-breakpoint
-- Documents are stored in chunks of 256 KB and streamed in and out one chunk at a time, so no
-- instance ever holds a whole file (issue 12); deleting a document deletes its chunks.
CREATE TABLE document_chunks (
  document_id uuid NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  seq integer NOT NULL CHECK (seq >= 0),
  tenant_id uuid NOT NULL,
  data bytea NOT NULL CHECK (length(data) > 0),
  PRIMARY KEY (document_id, seq)
);
--> statement-breakpoint
INSERT INTO document_chunks (document_id, seq, tenant_id, data)
SELECT d.id, g.seq, d.tenant_id, substring(d.content FROM g.seq * 262144 + 1 FOR 262144)
  FROM documents d
  CROSS JOIN LATERAL generate_series(0, greatest((length(d.content) - 1) / 262144, 0)) AS g(seq)
 WHERE length(d.content) > 0;
--> statement-breakpoint
ALTER TABLE documents DROP COLUMN content;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON document_chunks TO zvh_app;
