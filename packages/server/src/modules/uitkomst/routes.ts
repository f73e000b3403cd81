// SPDX-License-Identifier: EUPL-1.2
// Uitkomst: the Zelfredzaamheid-Matrix and safety risk of a case, at the start and at closure.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { OUTCOME_MOMENTS, SAFETY_RISKS } from '@zvh/shared';
import type { OutcomeMoment } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { etag, expectedVersion } from '../../core/access.js';
import { Uuid } from '../schemas.js';
import { getOutcome, saveOutcome } from './service.js';
import type { OutcomeInput } from './service.js';

const access = { access: { permission: 'case.direct' as const } };
const tags = ['uitkomst'];
const Moment = Type.Union(OUTCOME_MOMENTS.map((m) => Type.Literal(m)), { description: 'start (begin procesregie) of afsluiting' });
const Risk = Type.Union(SAFETY_RISKS.map((r) => Type.Literal(r)), { description: 'Veiligheidsrisico' });
const Scores = Type.Record(Type.String({ pattern: '^[a-z0-9-]{1,60}$' }), Type.Integer({ minimum: 1, maximum: 5 }), {
  description: 'Score 1-5 per ZRM-leefgebied (codes van de lijst zrmDomain); een leefgebied dat niet is gescoord ontbreekt',
});
const Score = Type.Object({
  moment: Moment, version: Type.Integer(), scores: Scores, safetyRisk: Type.Union([Risk, Type.Null()]),
  recordedAt: Type.String(), recordedByName: Type.Union([Type.String(), Type.Null()]),
});

export function uitkomstRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/cases/:id/outcome', {
    config: access,
    schema: {
      operationId: 'getCaseOutcome', tags, summary: 'Zelfredzaamheid-Matrix en veiligheidsrisico bij start en afsluiting, met alle versies (procesregisseur)',
      params: Type.Object({ id: Uuid }),
      response: { 200: Type.Object({ start: Type.Union([Score, Type.Null()]), afsluiting: Type.Union([Score, Type.Null()]), history: Type.Array(Score) }) },
    },
  }, async (request) => getOutcome(ctxOf(request, db), (request.params as { id: string }).id));

  app.put('/api/cases/:id/outcome/:moment', {
    config: access,
    schema: {
      operationId: 'putCaseOutcome', tags,
      summary: 'Zelfredzaamheid (1-5 per leefgebied) en veiligheidsrisico vastleggen bij start of afsluiting; elke keer een nieuwe versie',
      params: Type.Object({ id: Uuid, moment: Moment }),
      body: Type.Object({
        scores: Scores,
        safetyRisk: Type.Optional(Type.Union([Risk, Type.Null()])),
        version: Type.Optional(Type.Integer({ minimum: 0, description: 'Versie waarop de wijziging voortbouwt (0: nog geen score), of If-Match' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ moment: Moment, version: Type.Integer() }) },
    },
  }, async (request, reply) => {
    const { id, moment } = request.params as { id: string; moment: OutcomeMoment };
    const { version, ...input } = request.body as OutcomeInput & { version?: number };
    const res = await saveOutcome(ctxOf(request, db), id, moment, input, expectedVersion(request.headers['if-match'], version));
    reply.header('etag', etag(res.version));
    return res;
  });
}
