// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { IdParams } from '../schemas.js';
import { werkdag } from './service.js';
import { NOTIFICATION_KINDS, listNotifications, markAllRead, markRead, unreadCount } from './notifications.js';

const Str = Type.String();
const OptStr = Type.Union([Type.String(), Type.Null()]);
const OptInt = Type.Union([Type.Integer(), Type.Null()]);

const SectionItem = Type.Object({ id: Str, title: Str, href: Type.Optional(Str), detail: Type.Optional(Str) });
const SectionEntry = Type.Object({
  id: Str, title: Str, when: Type.Optional(Str), place: Type.Optional(Str), href: Type.Optional(Str), status: Type.Optional(Str), items: Type.Array(SectionItem),
});
const Section = Type.Object({ key: Str, title: Str, emptyText: Type.Optional(Str), entries: Type.Array(SectionEntry) });

const WerkdagOut = Type.Object({
  date: Str, weekStart: Str, weekEnd: Str,
  agreements: Type.Array(Type.Object({
    id: Str, title: Str, dueDate: OptStr, status: Str, partner: Str, responsiblePerson: OptStr, overdue: Type.Boolean(),
    caseId: Str, caseNumber: OptStr, subjectName: Str,
  })),
  attention: Type.Array(Type.Object({
    id: Str, caseNumber: OptStr, subjectName: Str, purpose: Str, avePhase: OptInt, overdueAgreements: Type.Integer(), oldestDueDate: OptStr,
    lastActivityAt: Str, inactiveDays: Type.Integer(), aveRaisedOn: OptStr, aveFrom: OptInt,
    reasons: Type.Array(Type.Union([Type.Literal('overdue'), Type.Literal('inactive'), Type.Literal('ave_up')])),
  })),
  waitingTriage: Type.Array(Type.Object({
    id: Str, registeredAt: Str, kind: Str, urgency: Str, status: Str, subjectName: Str, waitingWorkdays: Type.Integer(), late: Type.Boolean(),
  })),
  sections: Type.Array(Section, { description: 'Secties van andere modules, bijvoorbeeld overleggen van vandaag en deze week en notulen om vast te stellen' }),
});

const NotificationOut = Type.Object({
  id: Str, kind: Type.Union(NOTIFICATION_KINDS.map((k) => Type.Literal(k))), createdAt: Str, readAt: OptStr,
  caseId: OptStr, caseNumber: OptStr, registrationId: OptStr, agreementTitle: OptStr, dueDate: OptStr, registeredAt: OptStr,
});

export function werkdagRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/werkdag', {
    config: { access: { permission: 'workday.read' as const } },
    schema: {
      operationId: 'getWerkdag', tags: ['werkdag'],
      summary: 'De werkdag: mijn open afspraken (te laat eerst), casussen die aandacht vragen, aanmeldingen voor triage, overleggen',
      response: { 200: WerkdagOut },
    },
  }, async (request) => werkdag(ctxOf(request, db)));

  app.get('/api/notifications', {
    config: { access: { permission: 'workday.read' as const } },
    schema: { operationId: 'listNotifications', tags: ['werkdag'], summary: 'Mijn meldingen (ongelezen eerst)', response: { 200: Type.Array(NotificationOut) } },
  }, async (request) => listNotifications(ctxOf(request, db)));

  app.get('/api/notifications/unread-count', {
    config: { access: { permission: 'workday.read' as const } },
    schema: { operationId: 'countUnreadNotifications', tags: ['werkdag'], summary: 'Aantal ongelezen meldingen', response: { 200: Type.Object({ unread: Type.Integer() }) } },
  }, async (request) => unreadCount(ctxOf(request, db)));

  app.post('/api/notifications/:id/read', {
    config: { access: { permission: 'workday.read' as const } },
    schema: { operationId: 'markNotificationRead', tags: ['werkdag'], summary: 'Melding als gelezen markeren', params: IdParams, response: { 200: Type.Object({ id: Str, readAt: Str }) } },
  }, async (request) => markRead(ctxOf(request, db), (request.params as { id: string }).id));

  app.post('/api/notifications/read-all', {
    config: { access: { permission: 'workday.read' as const } },
    schema: { operationId: 'markAllNotificationsRead', tags: ['werkdag'], summary: 'Alle meldingen als gelezen markeren', response: { 200: Type.Object({ marked: Type.Integer() }) } },
  }, async (request) => markAllRead(ctxOf(request, db)));
}
