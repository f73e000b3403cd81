// SPDX-License-Identifier: EUPL-1.2
// POST /api/import/cases: the caseload import over HTTP. The body (application/x-ndjson) arrives
// as the raw request stream (see the content type parser in app.ts) and is imported while it
// streams in, never held in memory as a whole.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { DomainError } from '../../core/errors.js';
import { ctxOf } from '../../core/http.js';
import { ImportAbortedError, importCases } from './service.js';

const NDJSON = 'application/x-ndjson';

const Rejected = Type.Object({ line: Type.Integer(), error: Type.String() });
const ImportResultSchema = Type.Object({
  imported: Type.Integer({ description: 'Nieuwe registraties (met hun casus)' }),
  updated: Type.Integer({ description: 'Bestaande externalIds die zijn bijgewerkt' }),
  unchanged: Type.Integer({ description: 'Daarvan ongewijzigd: niets geschreven, geen nieuwe gebeurtenis' }),
  rejected: Type.Array(Rejected, { description: 'Geweigerde regels met regelnummer en reden (hoogstens 10.000; rejectedCount telt alle)' }),
  rejectedCount: Type.Integer(),
  lines: Type.Integer({ description: 'Niet-lege regels gelezen' }),
  dryRun: Type.Boolean(),
  durationMs: Type.Integer(),
});

function isNdjson(request: FastifyRequest): boolean {
  const ct = String(request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  return ct === NDJSON;
}

export function importRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/import/cases', {
    config: { access: { permission: 'import.run' }, bodyTypes: [NDJSON] },
    // before the body is parsed: a JSON (or any other) body is refused without being read
    onRequest: async (request) => {
      if (!isNdjson(request)) {
        throw new DomainError(415, 'unsupported_media_type', `Alleen ${NDJSON} (één JSON-object per regel, importformaat v1) wordt geaccepteerd`);
      }
    },
    schema: {
      operationId: 'importCases', tags: ['import'],
      summary: 'Bestaande caseload importeren (importformaat v1, newline-delimited JSON)',
      description: 'Body: `application/x-ndjson`, één JSON-object per regel (zie import-format.md). Elke foute regel wordt met regelnummer geweigerd en verandert niets; goede regels gaan erin. '
        + 'Idempotent op externalId: dezelfde regel opnieuw werkt de registratie, casus en persoon bij. Wordt in batches van 1000 regels geschreven, elk in één transactie. '
        + 'Met `dryRun=true` wordt alles gecontroleerd en teruggedraaid.',
      querystring: Type.Object({ dryRun: Type.Optional(Type.Boolean({ default: false })) }),
      response: { 200: ImportResultSchema },
    },
  }, async (request) => {
    const ctx = ctxOf(request, db);
    const { dryRun } = request.query as { dryRun?: boolean };
    // the raw request stream; an empty body (no stream) is an empty file
    const raw = request.body as AsyncIterable<Buffer> | undefined;
    const body: AsyncIterable<Buffer> | Buffer[] = raw && typeof raw[Symbol.asyncIterator] === 'function' ? raw : [];
    try {
      return await importCases(ctx, body, { dryRun: dryRun ?? false });
    } catch (e) {
      if (e instanceof ImportAbortedError) {
        request.log.error({ err: e.cause }, 'import aborted');
        // earlier batches are committed; a re-run of the same file completes the import
        throw new DomainError(500, 'import_aborted',
          `De import is afgebroken bij regel ${e.atLine}; de regels daarvoor zijn verwerkt. Start dezelfde import opnieuw om hem af te maken.`,
          { imported: e.partial.imported, updated: e.partial.updated, rejectedCount: e.partial.rejectedCount, atLine: e.atLine });
      }
      throw e;
    }
  });
}
