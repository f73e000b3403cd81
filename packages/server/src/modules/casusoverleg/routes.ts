// SPDX-License-Identifier: EUPL-1.2
// Casusoverleggen: meeting types (beheer), meetings, agendas, contributions, minutes, the
// printable agenda per participant and the secret iCalendar feed.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Permission } from '@zvh/shared';
import { MEETING_SUBJECT_KINDS } from '@zvh/shared';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, DateStr, IdParams, LongText, ShortText, Uuid } from '../schemas.js';
import { registerDaySectionProvider } from '../../core/day-sections.js';
import { meetingDaySections } from './day-sections.js';
import * as svc from './service.js';
import { meetingPdf } from './pdf.js';

const TAGS = ['casusoverleg'];
const rule = (permission: Permission) => ({ access: { permission } });
const everyone = { access: { signedIn: true as const } };
const beheerder = rule('admin.manage');
const regisseur = rule('meeting.plan');
const meetingReaders = rule('meeting.read');

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM (Nederlandse tijd)' });
const Weekday = Type.Integer({ minimum: 1, maximum: 7, description: '1 = maandag ... 7 = zondag' });
const Months = Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 12 }), { maxItems: 12, description: 'Maanden zonder overleg (7 = juli)' }));
// no additionalProperties: false on the branches: Fastify's ajv (removeAdditional) would strip the
// fields of the later branches while trying the first; the service keeps only the rule's own fields
const Frequency = Type.Union([
  Type.Object({ kind: Type.Literal('adhoc') }),
  Type.Object({
    kind: Type.Literal('weekly'), weekday: Weekday, start: Time, end: Time,
    intervalWeeks: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })), anchor: Type.Optional(DateStr), excludedMonths: Months,
  }),
  Type.Object({
    kind: Type.Literal('monthly'), nth: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4), Type.Literal(-1)]),
    weekday: Weekday, start: Time, end: Time, excludedMonths: Months,
  }),
]);
const Url = Type.String({ maxLength: 500, pattern: '^https://' });
const MeetingTypeBody = {
  name: ShortText(120), chairOrganisation: Code, memberOrganisations: Type.Array(Code, { maxItems: 40 }), frequency: Frequency,
  regions: Type.Optional(Type.Array(Type.Union([Type.Literal('noord'), Type.Literal('zuidoost'), Type.Literal('zuidwest')]), { maxItems: 3 })),
  location: Type.Optional(Type.Union([ShortText(200), Type.Null()])), videoLink: Type.Optional(Type.Union([Url, Type.Null()])),
  subjectKind: Type.Union(MEETING_SUBJECT_KINDS.map((k) => Type.Literal(k))), active: Type.Optional(Type.Boolean()),
};
const MeetingType = Type.Object({
  id: Uuid, code: Type.String(), name: Type.String(), chairOrganisation: Type.String(), memberOrganisations: Type.Array(Type.String()),
  frequency: Type.Unknown(), location: Type.Union([Type.String(), Type.Null()]), videoLink: Type.Union([Type.String(), Type.Null()]),
  subjectKind: Type.String(), active: Type.Boolean(),
});
const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 met tijdzone' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Agreement = Type.Object({ id: Uuid, partner: Type.String(), title: Type.String(), dueDate: Nullable(Type.String()), status: Type.String(), meetingDate: Type.Optional(Type.String()) });
const AgendaItem = Type.Union([
  Type.Object({
    id: Uuid, position: Type.Integer(), caseId: Type.Union([Uuid, Type.Null()]), registrationId: Type.Union([Uuid, Type.Null()]), question: Type.String(),
    subject: Type.Union([Type.Object({
      firstName: Type.String(), lastName: Type.String(), birthYear: Type.Union([Type.Integer(), Type.Null()]),
      municipality: Nullable(Type.String()), reasonSummary: Nullable(Type.String()),
    }), Type.Null()]),
    minutes: Type.Object({
      conclusion: Nullable(Type.String()), decisions: Nullable(Type.String()), attendees: Type.Unknown(),
      subjectPresent: Type.Union([Type.Boolean(), Type.Null()]), minutedAt: Nullable(Type.String()),
    }),
    contributions: Type.Array(Type.Object({
      id: Uuid, organisation: Type.String(), authorName: Type.String(), knownFacts: Nullable(Type.String()),
      involvement: Nullable(Type.String()), risks: Nullable(Type.String()), createdAt: Type.String(),
    })),
    agreements: Type.Array(Agreement), earlierAgreements: Type.Array(Agreement),
  }),
  Type.Object({ position: Type.Integer(), besloten: Type.Literal(true), label: Type.String() }, { description: 'Besloten agendapunt: geen casus, persoon of vraag' }),
]);
const Meeting = Type.Object({
  id: Uuid, type: Type.String(), typeName: Type.String(), subjectKind: Type.String(), chairOrganisation: Type.String(),
  memberOrganisations: Type.Array(Type.String()), region: Nullable(Type.String()), startsAt: Type.String(), endsAt: Nullable(Type.String()),
  location: Nullable(Type.String()), videoLink: Nullable(Type.String()), status: Type.String(), chairUserId: Nullable(Type.String()),
  chairName: Nullable(Type.String()), minuteTakerId: Nullable(Type.String()), minuteTakerName: Nullable(Type.String()),
  confidentialityAt: Nullable(Type.String()), confidentialityText: Nullable(Type.String()), minutesApprovedAt: Nullable(Type.String()),
  approvedByName: Nullable(Type.String()), agenda: Type.Array(AgendaItem), minutesDue: Type.String(), minutesLate: Type.Boolean(),
  permissions: Type.Object({ plan: Type.Boolean(), minute: Type.Boolean(), approve: Type.Boolean(), contribute: Type.Boolean() }),
});
const MeetingListItem = Type.Object({
  id: Uuid, type: Type.String(), typeName: Type.String(), region: Nullable(Type.String()), startsAt: Type.String(), endsAt: Nullable(Type.String()),
  location: Nullable(Type.String()), videoLink: Nullable(Type.String()), status: Type.String(), itemCount: Type.Integer(),
  minutesApprovedAt: Nullable(Type.String()),
});
const ItemParams = Type.Object({ id: Uuid, itemId: Uuid });
const IdResponse = Type.Object({ id: Uuid });
const CalendarUrl = Type.Object({ url: Type.String() });

export function casusoverlegRoutes(app: FastifyInstance, db: Db, config: Config): void {
  registerDaySectionProvider('casusoverleg', meetingDaySections);
  const params = (r: { params: unknown }) => r.params as { id: string; itemId: string };

  app.get('/api/meeting-types', {
    config: everyone,
    schema: { operationId: 'listMeetingTypes', tags: TAGS, summary: 'Overlegsoorten van de organisatie', response: { 200: Type.Array(MeetingType) } },
  }, async (request) => svc.listMeetingTypes(ctxOf(request, db)));

  app.post('/api/meeting-types', {
    config: beheerder,
    schema: {
      operationId: 'createMeetingType', tags: TAGS, summary: 'Overlegsoort toevoegen (beheerder)',
      body: Type.Object({ code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,39}$' }), ...MeetingTypeBody }, { additionalProperties: false }),
      response: { 201: IdResponse },
    },
  }, async (request, reply) => {
    reply.status(201);
    return svc.createMeetingType(ctxOf(request, db), request.body as svc.MeetingTypeInput);
  });

  app.put('/api/meeting-types/:id', {
    config: beheerder,
    schema: {
      operationId: 'updateMeetingType', tags: TAGS, summary: 'Overlegsoort wijzigen (beheerder)', params: IdParams,
      body: Type.Object(MeetingTypeBody, { additionalProperties: false }), response: { 200: IdResponse },
    },
  }, async (request) => svc.updateMeetingType(ctxOf(request, db), params(request).id, request.body as svc.MeetingTypeInput));

  app.get('/api/meetings', {
    config: meetingReaders,
    schema: {
      operationId: 'listMeetings', tags: TAGS, summary: 'Overleggen in een periode die de gebruiker mag zien',
      querystring: Type.Object({ from: Type.Optional(DateStr), to: Type.Optional(DateStr) }),
      response: { 200: Type.Array(MeetingListItem) },
    },
  }, async (request) => {
    const q = request.query as { from?: string; to?: string };
    const from = q.from ?? svc.todayAmsterdam();
    const to = q.to ?? svc.amsterdamDate(new Date(Date.parse(from) + 27 * 864e5));
    if (to < from || Date.parse(to) - Date.parse(from) > 400 * 864e5) {
      const { fieldError } = await import('../../core/errors.js');
      throw fieldError('to', 'De periode loopt van from tot en met to en is hoogstens 400 dagen');
    }
    return svc.listMeetings(ctxOf(request, db), from, to);
  });

  app.post('/api/meetings', {
    config: regisseur,
    schema: {
      operationId: 'createMeeting', tags: TAGS, summary: 'Overleg plannen (procesregisseur)',
      body: Type.Object({
        type: Code, startsAt: Timestamp, endsAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
        location: Type.Optional(Type.Union([ShortText(200), Type.Null()])), videoLink: Type.Optional(Type.Union([Url, Type.Null()])),
        chairUserId: Type.Optional(Type.Union([Uuid, Type.Null()])), minuteTakerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        region: Type.Optional(Type.Union([Type.Literal('noord'), Type.Literal('zuidoost'), Type.Literal('zuidwest'), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 201: IdResponse },
    },
  }, async (request, reply) => {
    const res = await svc.createMeeting(ctxOf(request, db), request.body as svc.MeetingInput);
    reply.status(201);
    return res;
  });

  app.get('/api/meetings/late-minutes', {
    config: rule('meeting.oversee'),
    schema: {
      operationId: 'listLateMinutes', tags: TAGS, summary: 'Overleggen waarvan het verslag niet binnen 3 werkdagen is vastgesteld',
      response: { 200: Type.Array(Type.Object({
        id: Uuid, type: Type.String(), typeName: Type.String(), region: Nullable(Type.String()), startsAt: Type.String(),
        minutesApprovedAt: Nullable(Type.String()), items: Type.Integer(), minutesDue: Type.String(), late: Type.Boolean(),
      })) },
    },
  }, async (request) => svc.lateMinutes(ctxOf(request, db)));

  app.get('/api/meetings/:id', {
    config: meetingReaders,
    schema: {
      operationId: 'getMeeting', tags: TAGS, summary: 'Overleg met de agendapunten die de gebruiker mag zien', params: IdParams,
      response: { 200: Meeting },
    },
  }, async (request) => svc.getMeeting(ctxOf(request, db), params(request).id));

  app.patch('/api/meetings/:id', {
    config: regisseur,
    schema: {
      operationId: 'updateMeeting', tags: TAGS, summary: 'Overleg verplaatsen, bemensen of annuleren', params: IdParams,
      body: Type.Object({
        startsAt: Type.Optional(Timestamp), endsAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
        location: Type.Optional(Type.Union([ShortText(200), Type.Null()])), videoLink: Type.Optional(Type.Union([Url, Type.Null()])),
        chairUserId: Type.Optional(Type.Union([Uuid, Type.Null()])), minuteTakerId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        status: Type.Optional(Type.Union([Type.Literal('gepland'), Type.Literal('geannuleerd')])),
      }, { additionalProperties: false, minProperties: 1 }),
      response: { 200: IdResponse },
    },
  }, async (request) => svc.updateMeeting(ctxOf(request, db), params(request).id, request.body as svc.MeetingPatch));

  const StaffCandidate = Type.Object({ id: Uuid, name: Type.String(), organisation: Type.String() });
  app.get('/api/meetings/:id/staff-candidates', {
    config: regisseur,
    schema: {
      operationId: 'listMeetingStaffCandidates', tags: TAGS, params: IdParams,
      summary: 'Wie voorzitter (procesregisseur of professional van de voorzittende organisatie) en notulist (procesregisseur) van het overleg kan zijn',
      response: { 200: Type.Object({ chairs: Type.Array(StaffCandidate), minuteTakers: Type.Array(StaffCandidate) }) },
    },
  }, async (request) => svc.staffCandidates(ctxOf(request, db), params(request).id));

  app.post('/api/meetings/:id/agenda', {
    config: regisseur,
    schema: {
      operationId: 'addAgendaItem', tags: TAGS, summary: 'Casus (of voor het weegoverleg: aanmelding) agenderen met de vraag aan het overleg',
      params: IdParams,
      body: Type.Object({ caseId: Type.Optional(Uuid), registrationId: Type.Optional(Uuid), question: LongText(2000) }, { additionalProperties: false }),
      response: { 201: IdResponse },
    },
  }, async (request, reply) => {
    const res = await svc.addAgendaItem(ctxOf(request, db), params(request).id, request.body as { caseId?: string; registrationId?: string; question: string });
    reply.status(201);
    return res;
  });

  app.post('/api/meetings/:id/agenda/:itemId/contributions', {
    config: rule('meeting.contribute'),
    schema: {
      operationId: 'addMeetingContribution', tags: TAGS, summary: 'Inbreng vooraf bij een agendapunt (bekende feiten, huidige betrokkenheid, risico\'s)',
      params: ItemParams,
      body: Type.Object({
        knownFacts: Type.Optional(Type.Union([LongText(3000), Type.Null()])), involvement: Type.Optional(Type.Union([LongText(3000), Type.Null()])),
        risks: Type.Optional(Type.Union([LongText(3000), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 201: IdResponse },
    },
  }, async (request, reply) => {
    const p = params(request);
    const res = await svc.addContribution(ctxOf(request, db), p.id, p.itemId, request.body as Parameters<typeof svc.addContribution>[3]);
    reply.status(201);
    return res;
  });

  app.post('/api/meetings/:id/agenda/:itemId/minutes', {
    config: regisseur,
    schema: {
      operationId: 'recordMeetingMinutes', tags: TAGS, summary: 'Verslag van een agendapunt; afspraken komen in het plan van de casus',
      params: ItemParams,
      body: Type.Object({
        conclusion: LongText(5000), decisions: Type.Optional(Type.Union([LongText(5000), Type.Null()])),
        subjectPresent: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
        attendees: Type.Optional(Type.Array(Type.Object({ organisation: Code, present: Type.Boolean() }, { additionalProperties: false }), { maxItems: 40 })),
        agreements: Type.Optional(Type.Array(Type.Object({
          partner: Code, title: ShortText(300), dueDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
        }, { additionalProperties: false }), { maxItems: 30 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ id: Uuid, agreements: Type.Array(Type.Object({ id: Uuid })) }) },
    },
  }, async (request) => {
    const p = params(request);
    return svc.recordMinutes(ctxOf(request, db), p.id, p.itemId, request.body as svc.MinutesInput);
  });

  app.post('/api/meetings/:id/confidentiality', {
    config: regisseur,
    schema: {
      operationId: 'recordConfidentiality', tags: TAGS, summary: 'Geheimhoudingsverklaring aan het begin van het overleg vastleggen', params: IdParams,
      body: Type.Object({ text: LongText(2000) }, { additionalProperties: false }), response: { 200: IdResponse },
    },
  }, async (request) => svc.recordConfidentiality(ctxOf(request, db), params(request).id, (request.body as { text: string }).text));

  app.post('/api/meetings/:id/approve', {
    config: rule('meeting.chair'),
    schema: {
      operationId: 'approveMeetingMinutes', tags: TAGS, summary: 'Verslag vaststellen (voorzitter); daarna alleen te lezen', params: IdParams,
      response: { 200: Type.Object({ id: Uuid, minutesApprovedAt: Type.String(), minutesDue: Type.String(), late: Type.Boolean() }) },
    },
  }, async (request) => svc.approveMinutes(ctxOf(request, db), params(request).id));

  app.get('/api/meetings/:id/print.pdf', {
    config: meetingReaders,
    schema: {
      operationId: 'printMeeting', tags: TAGS, summary: 'Agenda en verslag als PDF, alleen met de agendapunten van de lezer', params: IdParams,
      response: { 200: { description: 'PDF (A4)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } },
    },
  }, async (request, reply) => {
    const data = await svc.meetingForPrint(ctxOf(request, db), params(request).id);
    const pdf = await meetingPdf(data.meeting, data.items);
    return reply.header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="overleg-${svc.amsterdamDate(data.meeting.startsAt)}.pdf"`)
      .header('cache-control', 'no-store').send(pdf);
  });

  app.get('/api/account/calendar', {
    config: everyone,
    schema: { operationId: 'getCalendarFeedUrl', tags: TAGS, summary: 'Geheime agenda-URL (iCalendar) van de gebruiker', response: { 200: CalendarUrl } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return svc.calendarUrl(ctxOf(request, db), config.sessionSecret);
  });

  app.post('/api/account/calendar', {
    config: everyone,
    schema: { operationId: 'reissueCalendarFeedUrl', tags: TAGS, summary: 'Agenda-URL intrekken en een nieuwe uitgeven', response: { 200: CalendarUrl } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return svc.revokeCalendar(ctxOf(request, db), config.sessionSecret, true);
  });

  app.delete('/api/account/calendar', {
    config: everyone,
    schema: { operationId: 'revokeCalendarFeedUrl', tags: TAGS, summary: 'Agenda-URL intrekken' },
  }, async (request, reply) => {
    await svc.revokeCalendar(ctxOf(request, db), config.sessionSecret, false);
    return reply.status(204).send();
  });

  app.get('/api/calendar/:token', {
    config: { access: { public: true } },
    schema: {
      operationId: 'calendarFeed', tags: TAGS, summary: 'iCalendar-feed met de overleggen van de organisatie (zonder persoonsgegevens)', security: [],
      params: Type.Object({ token: Type.String({ maxLength: 200 }) }),
      response: { 200: { description: 'text/calendar (RFC 5545)', content: { 'text/calendar': { schema: { type: 'string' } } } } },
    },
  }, async (request, reply) => {
    const token = (request.params as { token: string }).token.replace(/\.ics$/i, '');
    const body = await svc.calendarFeed(db, token);
    return reply.header('content-type', 'text/calendar; charset=utf-8').header('cache-control', 'no-store').send(body);
  });
}
