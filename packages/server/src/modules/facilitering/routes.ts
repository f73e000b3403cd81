// SPDX-License-Identifier: EUPL-1.2
// The facilitated meetings' own records: veelplegers, LPCO, nazorg ex-gedetineerden. Who sees
// what is decided in service.ts (recordVisibleTo), inside the SQL; a record someone may not see
// answers 404, like one that does not exist.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { expectedVersion } from '../../core/access.js';
import { Code, DateStr, IdParams, LongText, Person, Uuid } from '../schemas.js';
import type { FacilitatedKind } from './service.js';
import {
  CONDITION_STATUSES, CONDITIONS, LPCO_CONCERNS, changeVeelplegerStatus, createLpcoRecord, createNazorgRecord, createVeelplegerRecord,
  deleteRecord, escalateNazorgRecord, getLpcoRecord, getNazorgRecord, getVeelplegerRecord, listLpcoRecords, listNazorgRecords, listVeelplegers,
  recordNazorgConsent, updateLpcoRecord, updateNazorgRecord, updateVeelplegerRecord,
} from './service.js';

const access = { access: { permission: 'facilitated.read' as const } };
const tags = ['facilitering'];

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const NullDate = Type.Union([DateStr, Type.Null()]);
const Note = Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]));
const VersionQ = Type.Optional(Type.Integer({ minimum: 1, description: 'Versie waarop de wijziging voortbouwt (of If-Match)' }));
const PersonSummary = Type.Object({ id: Uuid, firstName: Type.String(), lastName: Type.String(), birthDate: NullDate });
const Created = Type.Object({ id: Uuid });
const ifMatch = (h: unknown) => h as string | string[] | undefined;

const VeelplegerRecord = Type.Object({
  id: Uuid, externalId: Nullable(Type.String()), person: PersonSummary, municipality: Type.String(), region: Type.String(),
  status: Type.String(), from: DateStr, until: NullDate, previousId: Type.Union([Uuid, Type.Null()]), registeringPartner: Type.String(),
  note: Nullable(Type.String()), version: Type.Integer(),
});
const VeelplegerRegions = Type.Array(Type.Object({
  region: Type.String(),
  persons: Type.Array(Type.Object({
    person: PersonSummary, region: Type.String(), current: Type.Union([VeelplegerRecord, Type.Null()]),
    history: Type.Array(VeelplegerRecord, { description: 'Alle registraties van de persoon, nieuwste eerst (statushistorie)' }),
  })),
}));
const LpcoRecord = Type.Object({
  id: Uuid, externalId: Nullable(Type.String()), person: PersonSummary, concerns: Type.String(), municipality: Type.String(),
  registeringPartner: Type.String(), registeredAt: DateStr, discussedAt: NullDate, outcome: Nullable(Type.String()),
  note: Nullable(Type.String()), version: Type.Integer(),
});
const ConditionStatus = Type.Union([...CONDITION_STATUSES.map((s) => Type.Literal(s)), Type.Null()]);
const NazorgRecord = Type.Object({
  id: Uuid, externalId: Nullable(Type.String()), person: PersonSummary, municipality: Type.String(), registeringPartner: Type.String(),
  registeredAt: DateStr, releasedAt: NullDate, closedAt: NullDate,
  consent: Type.Object({ given: Type.Union([Type.Boolean(), Type.Null()]), date: NullDate, recordedAt: Nullable(Type.String()) }),
  conditions: Type.Record(Type.String(), Type.Object({ before: ConditionStatus, after: ConditionStatus }),
    { description: `Basisvoorwaarden (${CONDITIONS.join(', ')}) met status voor en na vrijlating` }),
  registrationId: Type.Union([Uuid, Type.Null()]), escalatedAt: Nullable(Type.String()), note: Nullable(Type.String()), version: Type.Integer(),
});

export function faciliteringRoutes(app: FastifyInstance, db: Db): void {
  // ---------------------------------------------------------------- veelplegers
  app.get('/api/facilitated/veelplegers', {
    config: access,
    schema: {
      operationId: 'listVeelplegers', tags, summary: 'Veelplegers per regio met de historie van hun status (ZVH, OM)',
      querystring: Type.Object({
        region: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$' })),
        includeClosed: Type.Optional(Type.Boolean({ description: 'Ook personen zonder lopende status' })),
      }, { additionalProperties: false }),
      response: { 200: VeelplegerRegions },
    },
  }, async (request) => listVeelplegers(ctxOf(request, db), request.query as { region?: string; includeClosed?: boolean }));

  app.post('/api/facilitated/veelplegers', {
    config: access,
    schema: {
      operationId: 'createVeelplegerRecord', tags, summary: 'Veelplegerstatus vastleggen (ZVH, OM)',
      body: Type.Object({ subject: Person, municipality: Code, status: Code, from: DateStr, until: Type.Optional(NullDate), note: Note }, { additionalProperties: false }),
      response: { 201: Created },
    },
  }, async (request, reply) => reply.status(201).send(await createVeelplegerRecord(ctxOf(request, db), request.body as never)));

  app.get('/api/facilitated/veelplegers/:id', {
    config: access,
    schema: {
      operationId: 'getVeelplegerRecord', tags, summary: 'Eén veelplegerregistratie met de statushistorie van de persoon',
      params: IdParams, response: { 200: Type.Intersect([VeelplegerRecord, Type.Object({ history: Type.Array(VeelplegerRecord) })]) },
    },
  }, async (request) => getVeelplegerRecord(ctxOf(request, db), (request.params as { id: string }).id));

  app.patch('/api/facilitated/veelplegers/:id', {
    config: access,
    schema: {
      operationId: 'updateVeelplegerRecord', tags, summary: 'Veelplegerregistratie wijzigen of beëindigen (until)',
      params: IdParams,
      body: Type.Object({ until: Type.Optional(NullDate), note: Note, municipality: Type.Optional(Code), version: VersionQ }, { additionalProperties: false }),
      response: { 200: VeelplegerRecord },
    },
  }, async (request) => {
    const body = request.body as { until?: string | null; note?: string | null; municipality?: string; version?: number };
    return updateVeelplegerRecord(ctxOf(request, db), (request.params as { id: string }).id, { ...body, version: expectedVersion(ifMatch(request.headers['if-match']), body.version) });
  });

  app.post('/api/facilitated/veelplegers/:id/status-change', {
    config: access,
    schema: {
      operationId: 'changeVeelplegerStatus', tags, summary: 'Statuswijziging: sluit de lopende registratie en start de volgende',
      params: IdParams,
      body: Type.Object({ status: Code, from: DateStr, municipality: Type.Optional(Code), note: Note, version: VersionQ }, { additionalProperties: false }),
      response: { 201: Created },
    },
  }, async (request, reply) => {
    const body = request.body as { status: string; from: string; municipality?: string; note?: string | null; version?: number };
    const res = await changeVeelplegerStatus(ctxOf(request, db), (request.params as { id: string }).id, { ...body, version: expectedVersion(ifMatch(request.headers['if-match']), body.version) });
    return reply.status(201).send(res);
  });

  // ---------------------------------------------------------------- LPCO
  app.get('/api/facilitated/lpco', {
    config: access,
    schema: {
      operationId: 'listLpcoRecords', tags, summary: 'LPCO-registraties (ZVH; leerplicht: eigen gemeente)',
      querystring: Type.Object({
        municipality: Type.Optional(Type.String({ pattern: '^GM[0-9]{4}$' })),
        year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 9999 })),
        open: Type.Optional(Type.Boolean({ description: 'Alleen nog niet besproken' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(LpcoRecord) },
    },
  }, async (request) => listLpcoRecords(ctxOf(request, db), request.query as { municipality?: string; year?: number; open?: boolean }));

  app.post('/api/facilitated/lpco', {
    config: access,
    schema: {
      operationId: 'createLpcoRecord', tags, summary: 'LPCO-registratie (proces-verbaal leerplicht) vastleggen',
      body: Type.Object({
        subject: Person, concerns: Type.Optional(Type.Union(LPCO_CONCERNS.map((c) => Type.Literal(c)))), municipality: Code,
        registeredAt: DateStr, discussedAt: Type.Optional(NullDate), outcome: Type.Optional(Type.Union([Code, Type.Null()])), note: Note,
      }, { additionalProperties: false }),
      response: { 201: Created },
    },
  }, async (request, reply) => reply.status(201).send(await createLpcoRecord(ctxOf(request, db), request.body as never)));

  app.get('/api/facilitated/lpco/:id', {
    config: access,
    schema: { operationId: 'getLpcoRecord', tags, summary: 'Eén LPCO-registratie', params: IdParams, response: { 200: LpcoRecord } },
  }, async (request) => getLpcoRecord(ctxOf(request, db), (request.params as { id: string }).id));

  app.patch('/api/facilitated/lpco/:id', {
    config: access,
    schema: {
      operationId: 'updateLpcoRecord', tags, summary: 'LPCO-registratie bijwerken: bespreekdatum en afdoening',
      params: IdParams,
      body: Type.Object({
        concerns: Type.Optional(Type.Union(LPCO_CONCERNS.map((c) => Type.Literal(c)))), discussedAt: Type.Optional(NullDate),
        outcome: Type.Optional(Type.Union([Code, Type.Null()])), note: Note, version: VersionQ,
      }, { additionalProperties: false }),
      response: { 200: LpcoRecord },
    },
  }, async (request) => {
    const body = request.body as { version?: number };
    return updateLpcoRecord(ctxOf(request, db), (request.params as { id: string }).id, { ...body, version: expectedVersion(ifMatch(request.headers['if-match']), body.version) });
  });

  // ---------------------------------------------------------------- nazorg
  app.get('/api/facilitated/nazorg', {
    config: access,
    schema: {
      operationId: 'listNazorgRecords', tags, summary: 'Nazorgregistraties (ZVH; gemeente: alleen de eigen)',
      querystring: Type.Object({
        municipality: Type.Optional(Type.String({ pattern: '^GM[0-9]{4}$' })),
        open: Type.Optional(Type.Boolean({ description: 'Alleen niet afgesloten' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Array(NazorgRecord) },
    },
  }, async (request) => listNazorgRecords(ctxOf(request, db), request.query as { municipality?: string; open?: boolean }));

  app.post('/api/facilitated/nazorg', {
    config: access,
    schema: {
      operationId: 'createNazorgRecord', tags, summary: 'Nazorgregistratie (signaal DJI) vastleggen; alleen plustaakgemeenten',
      body: Type.Object({ subject: Person, municipality: Code, registeredAt: DateStr, releasedAt: Type.Optional(NullDate), note: Note }, { additionalProperties: false }),
      response: { 201: Created },
    },
  }, async (request, reply) => reply.status(201).send(await createNazorgRecord(ctxOf(request, db), request.body as never)));

  app.get('/api/facilitated/nazorg/:id', {
    config: access,
    schema: { operationId: 'getNazorgRecord', tags, summary: 'Eén nazorgregistratie', params: IdParams, response: { 200: NazorgRecord } },
  }, async (request) => getNazorgRecord(ctxOf(request, db), (request.params as { id: string }).id));

  app.patch('/api/facilitated/nazorg/:id', {
    config: access,
    schema: {
      operationId: 'updateNazorgRecord', tags, summary: 'Nazorgregistratie bijwerken: vrijlating, basisvoorwaarden, afsluiting',
      params: IdParams,
      body: Type.Object({
        releasedAt: Type.Optional(NullDate), closedAt: Type.Optional(NullDate), note: Note, version: VersionQ,
        conditions: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Type.Object({
          before: Type.Optional(ConditionStatus), after: Type.Optional(ConditionStatus),
        }, { additionalProperties: false }))),
      }, { additionalProperties: false }),
      response: { 200: NazorgRecord },
    },
  }, async (request) => {
    const body = request.body as { version?: number };
    return updateNazorgRecord(ctxOf(request, db), (request.params as { id: string }).id, { ...body, version: expectedVersion(ifMatch(request.headers['if-match']), body.version) });
  });

  app.post('/api/facilitated/nazorg/:id/consent', {
    config: access,
    schema: {
      operationId: 'recordNazorgConsent', tags, summary: 'Toestemming van de betrokkene vastleggen (coördinator nazorg)',
      params: IdParams,
      body: Type.Object({ given: Type.Boolean(), date: DateStr, version: VersionQ }, { additionalProperties: false }),
      response: { 200: NazorgRecord },
    },
  }, async (request) => {
    const body = request.body as { given: boolean; date: string; version?: number };
    return recordNazorgConsent(ctxOf(request, db), (request.params as { id: string }).id, { ...body, version: expectedVersion(ifMatch(request.headers['if-match']), body.version) });
  });

  app.post('/api/facilitated/nazorg/:id/escalate', {
    config: access,
    schema: {
      operationId: 'escalateNazorgRecord', tags, summary: 'In één stap aanmelden voor procesregie; de nazorgregistratie blijft bewaard en verwijst naar de aanmelding',
      params: IdParams,
      body: Type.Object({
        reason: LongText(5000), mainTopic: Code, problemAreas: Type.Optional(Type.Array(Code, { maxItems: 20, uniqueItems: true })),
        registeringPartner: Type.Optional(Code),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ registrationId: Uuid }) },
    },
  }, async (request, reply) => reply.status(201).send(await escalateNazorgRecord(ctxOf(request, db), (request.params as { id: string }).id, request.body as never)));

  // ---------------------------------------------------------------- delete
  for (const [kind, path, op] of [
    ['veelpleger', 'veelplegers', 'deleteVeelplegerRecord'], ['lpco', 'lpco', 'deleteLpcoRecord'], ['nazorg', 'nazorg', 'deleteNazorgRecord'],
  ] as [FacilitatedKind, string, string][]) {
    app.delete(`/api/facilitated/${path}/:id`, {
      config: access,
      schema: { operationId: op, tags, summary: 'Een ten onrechte vastgelegde registratie verwijderen', params: IdParams, response: { 204: Type.Null() } },
    }, async (request, reply) => {
      await deleteRecord(ctxOf(request, db), kind, (request.params as { id: string }).id);
      return reply.status(204).send();
    });
  }
}
