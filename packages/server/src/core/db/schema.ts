// SPDX-License-Identifier: EUPL-1.2
// The database schema. Every table holding case or personal data carries tenant_id, and every
// query filters on it. Migrations are generated from this file (drizzle-kit) into ../../../migrations.
import { sql } from 'drizzle-orm';
import {
  pgTable, uuid, text, boolean, integer, timestamp, date, jsonb, bigserial, primaryKey, index, uniqueIndex, customType, numeric,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const now = (name: string) => ts(name).notNull().defaultNow();

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  settings: jsonb('settings').notNull().default({}),
  createdAt: now('created_at'),
});

export const municipalities = pgTable('municipalities', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  region: text('region').notNull(),
  nazorgPlustaak: boolean('nazorg_plustaak').notNull().default(false),
  active: boolean('active').notNull().default(true),
}, (t) => [primaryKey({ columns: [t.tenantId, t.code] })]);

/** The ZVH itself (kind 'zvh') and its convenant partners (kind 'partner'). */
export const organisations = pgTable('organisations', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  domain: text('domain'),
  active: boolean('active').notNull().default(true),
  /** A municipal partner (gemeente-oov, ...) is one department per municipality (migration 0004). */
  municipal: boolean('municipal').notNull().default(false),
  /** Professional secrecy (beroepsgeheim): adding it to a running case waits for a second ZVH person (migration 0020). */
  professionalSecrecy: boolean('professional_secrecy').notNull().default(false),
}, (t) => [primaryKey({ columns: [t.tenantId, t.code] })]);

export const codeListEntries = pgTable('code_list_entries', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  list: text('list').notNull(),
  code: text('code').notNull(),
  label: text('label').notNull(),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
}, (t) => [primaryKey({ columns: [t.tenantId, t.list, t.code] })]);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  email: text('email').notNull(),
  name: text('name').notNull(),
  organisationCode: text('organisation_code').notNull(),
  municipalityCode: text('municipality_code'),
  roles: text('roles').array().notNull(),
  passwordHash: text('password_hash').notNull(),
  mustChangePassword: boolean('must_change_password').notNull().default(false),
  active: boolean('active').notNull().default(true),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  /** A new secret from setup, waiting for its first code (enable); the enabled one stays until then. */
  totpPendingSecret: text('totp_pending_secret'),
  /** The last accepted TOTP time step: a code is accepted once. */
  totpLastStep: integer('totp_last_step'),
  isDemo: boolean('is_demo').notNull().default(false),
  createdAt: now('created_at'),
  updatedAt: now('updated_at'),
}, (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)]);

/** The municipalities a professional of a municipal partner works for (migration 0004). */
export const userMunicipalities = pgTable('user_municipalities', {
  userId: uuid('user_id').notNull().references(() => users.id),
  tenantId: uuid('tenant_id').notNull(),
  municipalityCode: text('municipality_code').notNull(),
}, (t) => [primaryKey({ name: 'user_municipalities_pk', columns: [t.userId, t.municipalityCode] })]);

/** Server-side sessions: the cookie holds a random token, the table its SHA-256. */
export const sessions = pgTable('sessions', {
  id: text('id').primaryKey(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  createdAt: now('created_at'),
  lastSeenAt: now('last_seen_at'),
  endedAt: ts('ended_at'),
  ip: text('ip'),
  userAgent: text('user_agent'),
  authenticatedAt: now('authenticated_at'),
  secondFactor: text('second_factor'),
}, (t) => [index('sessions_user_idx').on(t.userId)]);

export const loginAttempts = pgTable('login_attempts', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: now('at'),
  email: text('email').notNull(),
  ip: text('ip').notNull(),
  success: boolean('success').notNull(),
}, (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)]);

/** Security log: sign-ins, failed sign-ins, sign-outs, account changes. Append-only. */
export const securityLog = pgTable('security_log', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  at: now('at'),
  tenantId: uuid('tenant_id'),
  userId: uuid('user_id'),
  email: text('email'),
  ip: text('ip'),
  event: text('event').notNull(),
  outcome: text('outcome').notNull(),
  details: jsonb('details'),
});

/**
 * Processing log (verwerkingenlog) after the national "Logboek Dataverwerkingen" standard:
 * one row per read, create, update, delete or export of personal data. Append-only: the
 * application's role may only insert (see migration 0001).
 */
export const processingLog = pgTable('processing_log', {
  id: bigserial('id', { mode: 'number' }).notNull(),
  at: now('at'),
  traceId: text('trace_id').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  activity: text('activity').notNull(),
  purpose: text('purpose').notNull(),
  action: text('action').notNull(),
  actorUserId: uuid('actor_user_id'),
  actorEmail: text('actor_email').notNull(),
  actorOrganisation: text('actor_organisation').notNull(),
  dataSubjectRef: uuid('data_subject_ref'),
  caseId: uuid('case_id'),
  registrationId: uuid('registration_id'),
  outcome: text('outcome').notNull(),
  details: jsonb('details'),
  /** The partner responsible for this processing (joint controllers under the WGS); null = the actor's organisation. */
  responsiblePartner: text('responsible_partner'),
}, (t) => [
  // partitioned by month on `at` (migration 0017); the chain lives in processing_log_seal
  primaryKey({ columns: [t.id, t.at] }),
  index('processing_log_case_idx').on(t.tenantId, t.caseId, t.at), index('processing_log_registration_idx').on(t.tenantId, t.registrationId),
  index('processing_log_subject_idx').on(t.tenantId, t.dataSubjectRef), index('processing_log_tenant_at_idx').on(t.tenantId, t.at),
  index('processing_log_tenant_id_idx').on(t.tenantId, t.id),
]);

export const persons = pgTable('persons', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  firstName: text('first_name').notNull(),
  lastName: text('last_name').notNull(),
  birthDate: date('birth_date', { mode: 'string' }),
  gender: text('gender').notNull().default('anders'),
  bsn: text('bsn'),
  municipalityCode: text('municipality_code'),
  mergedInto: uuid('merged_into'),
  /** Keyed pseudonym of the BSN (`keyId:hmac`, migration 0014), computed by the application (modules/andere-zvh). */
  bsnPseudonym: text('bsn_pseudonym'),
  createdAt: now('created_at'),
}, (t) => [
  uniqueIndex('persons_bsn_unique').on(t.tenantId, t.bsn).where(sql`bsn is not null and merged_into is null`),
  index('persons_name_idx').on(t.tenantId, t.lastName),
]);

/** The aanmelding. Its status follows the workflow table until triage opens a case. */
export const registrations = pgTable('registrations', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  externalId: text('external_id'),
  kind: text('kind').notNull(),
  status: text('status').notNull(),
  /** Null for an anonymous advice question (migration 0012), like person_id. */
  municipalityCode: text('municipality_code'),
  registeringPartner: text('registering_partner').notNull(),
  registeredBy: uuid('registered_by'),
  registeredAt: date('registered_at', { mode: 'string' }).notNull(),
  personId: uuid('person_id').references(() => persons.id),
  mainTopic: text('main_topic'),
  problemAreas: text('problem_areas').array().notNull().default(sql`'{}'::text[]`),
  children: text('children'),
  crossesMunicipalityBorder: boolean('crosses_municipality_border').notNull().default(false),
  tried: text('tried'),
  involvedPartners: text('involved_partners').array().notNull().default(sql`'{}'::text[]`),
  urgency: text('urgency').notNull().default('normaal'),
  reason: text('reason').notNull(),
  triage: jsonb('triage'),
  caseId: uuid('case_id'),
  /** A procesregie registration made as the follow-up of an advice case (migration 0012). */
  fromAdviceCaseId: uuid('from_advice_case_id'),
  version: integer('version').notNull().default(1),
  createdAt: now('created_at'),
  updatedAt: now('updated_at'),
}, (t) => [
  index('registrations_tenant_date_idx').on(t.tenantId, t.registeredAt),
  index('registrations_partner_idx').on(t.tenantId, t.registeringPartner),
  uniqueIndex('registrations_external_unique').on(t.tenantId, t.externalId).where(sql`external_id is not null`),
]);

/** People around the main person (household/system) named in an aanmelding. */
export const registrationRelations = pgTable('registration_relations', {
  registrationId: uuid('registration_id').notNull().references(() => registrations.id),
  personId: uuid('person_id').notNull().references(() => persons.id),
  tenantId: uuid('tenant_id').notNull(),
  relation: text('relation').notNull(),
}, (t) => [primaryKey({ columns: [t.registrationId, t.personId] })]);

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  registrationId: uuid('registration_id').notNull().references(() => registrations.id),
  /** Null for an anonymous advice case (migration 0012). */
  personId: uuid('person_id').references(() => persons.id),
  externalId: text('external_id'),
  kind: text('kind').notNull(),
  approach: text('approach'),
  status: text('status').notNull(),
  purpose: text('purpose').notNull(),
  startedAt: date('started_at', { mode: 'string' }),
  closedAt: date('closed_at', { mode: 'string' }),
  closeReasonCode: text('close_reason_code'),
  closeReason: text('close_reason'),
  handoverPartner: text('handover_partner'),
  evaluation: jsonb('evaluation'),
  regisseurId: uuid('regisseur_id'),
  leadPartner: text('lead_partner'),
  avePhase: integer('ave_phase'),
  /** Who holds the regie in the current AVE phase (migration 0012; each change is a case event). */
  regieHolder: text('regie_holder'),
  /** Readable number per tenant and year (e.g. 2026-0042), set by a trigger on insert (migration 0010). */
  caseNumber: text('case_number'),
  plan: jsonb('plan').notNull().default({}),
  version: integer('version').notNull().default(1),
  lastActivityAt: now('last_activity_at'),
  createdAt: now('created_at'),
  updatedAt: now('updated_at'),
}, (t) => [
  index('cases_tenant_status_idx').on(t.tenantId, t.status),
  index('cases_person_id_idx').on(t.personId),
  uniqueIndex('cases_registration_unique').on(t.registrationId).where(sql`close_reason_code is distinct from 'triage-override-afgewezen'`),
]);

export const caseParticipants = pgTable('case_participants', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  partnerCode: text('partner_code').notNull(),
  /** For a municipal partner: which municipality's department takes part (null for other partners). */
  municipalityCode: text('municipality_code'),
  addedAt: now('added_at'),
  addedBy: uuid('added_by'),
  addReason: text('add_reason'),
  removedAt: ts('removed_at'),
  removedBy: uuid('removed_by'),
  removeReason: text('remove_reason'),
}, (t) => [
  index('case_participants_case_idx').on(t.caseId),
  index('case_participants_partner_idx').on(t.tenantId, t.partnerCode),
  uniqueIndex('case_participants_active_unique').on(t.caseId, t.partnerCode, sql`coalesce(municipality_code, '')`).where(sql`removed_at is null`),
]);

export const agreements = pgTable('agreements', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  partnerCode: text('partner_code').notNull(),
  title: text('title').notNull(),
  description: text('description'),
  responsiblePerson: text('responsible_person'),
  dueDate: date('due_date', { mode: 'string' }),
  status: text('status').notNull().default('open'),
  note: text('note'),
  carriedOver: boolean('carried_over').notNull().default(false),
  /** The life domain (problemArea code) the agreement works on (migration 0012). */
  lifeDomain: text('life_domain'),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: now('created_at'),
  updatedAt: now('updated_at'),
}, (t) => [index('agreements_case_idx').on(t.caseId), index('agreements_partner_idx').on(t.tenantId, t.partnerCode, t.status)]);

export const journalEntries = pgTable('journal_entries', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  at: now('at'),
  entryDate: date('entry_date', { mode: 'string' }).notNull(),
  authorId: uuid('author_id'),
  authorName: text('author_name').notNull(),
  authorOrganisation: text('author_organisation').notNull(),
  text: text('text').notNull(),
  /** 'zvh' | 'all' | 'selected' (migration 0005): always chosen explicitly, no default. */
  visibility: text('visibility').notNull(),
  /** Partner codes an entry with visibility 'selected' is shared with (besides the ZVH). */
  sharedWith: text('shared_with').array().notNull().default(sql`'{}'::text[]`),
  withdrawnAt: ts('withdrawn_at'),
  withdrawnBy: uuid('withdrawn_by'),
  withdrawReason: text('withdraw_reason'),
  /** A correction points at the version it replaces; that version gets corrected_at and is kept. */
  correctsId: uuid('corrects_id'),
  correctedAt: ts('corrected_at'),
}, (t) => [index('journal_case_idx').on(t.caseId, t.at)]);

export const documents = pgTable('documents', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id').notNull().references(() => cases.id),
  filename: text('filename').notNull(),
  mimeType: text('mime_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  visibility: text('visibility').notNull(),
  sharedWith: text('shared_with').array().notNull().default(sql`'{}'::text[]`),
  uploadedBy: uuid('uploaded_by'),
  uploadedByOrganisation: text('uploaded_by_organisation').notNull(),
  uploadedAt: now('uploaded_at'),
}, (t) => [index('documents_case_idx').on(t.caseId)]);

/** A document's content in chunks of DOCUMENT_CHUNK_BYTES (256 KB), streamed in and out one at a time. */
export const documentChunks = pgTable('document_chunks', {
  documentId: uuid('document_id').notNull().references(() => documents.id, { onDelete: 'cascade' }),
  seq: integer('seq').notNull(),
  tenantId: uuid('tenant_id').notNull(),
  data: bytea('data').notNull(),
}, (t) => [primaryKey({ columns: [t.documentId, t.seq] })]);

/** Everything that happened to a case (status, AVE phase, participants, plan): append-only. */
export const caseEvents = pgTable('case_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  tenantId: uuid('tenant_id').notNull(),
  caseId: uuid('case_id'),
  registrationId: uuid('registration_id'),
  at: now('at'),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  actorOrganisation: text('actor_organisation').notNull(),
  type: text('type').notNull(),
  data: jsonb('data').notNull().default({}),
}, (t) => [index('case_events_case_idx').on(t.caseId, t.at), index('case_events_registration_idx').on(t.registrationId)]);

/** Available FTE per role per year, set by the manager (capacity model). */
export const capacityYears = pgTable('capacity_years', {
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  year: integer('year').notNull(),
  imFte: numeric('im_fte', { mode: 'number' }).notNull(),
  prFte: numeric('pr_fte', { mode: 'number' }).notNull(),
  contribution: integer('contribution'),
}, (t) => [primaryKey({ columns: [t.tenantId, t.year] })]);

// Casusoverleggen (migration 0008_casusoverleg): meeting types per tenant, meetings, agenda
// items with their minutes, the agreements minutes created, contributions and calendar tokens.
export const meetingTypes = pgTable('meeting_types', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  chairOrganisation: text('chair_organisation').notNull(),
  memberOrganisations: text('member_organisations').array().notNull().default(sql`'{}'::text[]`),
  frequency: jsonb('frequency').notNull().default({ kind: 'adhoc' }),
  location: text('location'),
  videoLink: text('video_link'),
  subjectKind: text('subject_kind').notNull(),
  active: boolean('active').notNull().default(true),
  createdAt: now('created_at'),
  updatedAt: now('updated_at'),
}, (t) => [uniqueIndex('meeting_types_code_unique').on(t.tenantId, t.code)]);

export const meetings = pgTable('meetings', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  typeId: uuid('type_id').notNull().references(() => meetingTypes.id),
  seriesKey: text('series_key'),
  region: text('region'),
  startsAt: ts('starts_at').notNull(),
  endsAt: ts('ends_at'),
  location: text('location'),
  videoLink: text('video_link'),
  status: text('status').notNull().default('gepland'),
  chairUserId: uuid('chair_user_id').references(() => users.id),
  minuteTakerId: uuid('minute_taker_id').references(() => users.id),
  confidentialityAt: ts('confidentiality_at'),
  confidentialityBy: uuid('confidentiality_by'),
  confidentialityText: text('confidentiality_text'),
  minutesApprovedAt: ts('minutes_approved_at'),
  minutesApprovedBy: uuid('minutes_approved_by'),
  createdBy: uuid('created_by'),
  createdAt: now('created_at'),
  updatedAt: now('updated_at'),
}, (t) => [
  index('meetings_tenant_start_idx').on(t.tenantId, t.startsAt),
  uniqueIndex('meetings_series_unique').on(t.typeId, t.seriesKey).where(sql`series_key is not null`),
]);

export const meetingItems = pgTable('meeting_items', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull(),
  meetingId: uuid('meeting_id').notNull().references(() => meetings.id),
  caseId: uuid('case_id').references(() => cases.id),
  registrationId: uuid('registration_id').references(() => registrations.id),
  position: integer('position').notNull(),
  question: text('question').notNull(),
  conclusion: text('conclusion'),
  decisions: text('decisions'),
  attendees: jsonb('attendees').notNull().default([]),
  subjectPresent: boolean('subject_present'),
  minutedAt: ts('minuted_at'),
  minutedBy: uuid('minuted_by'),
  createdBy: uuid('created_by'),
  createdAt: now('created_at'),
}, (t) => [index('meeting_items_meeting_idx').on(t.meetingId, t.position), index('meeting_items_case_idx').on(t.caseId)]);

export const meetingItemAgreements = pgTable('meeting_item_agreements', {
  itemId: uuid('item_id').notNull().references(() => meetingItems.id),
  agreementId: uuid('agreement_id').notNull().references(() => agreements.id),
  tenantId: uuid('tenant_id').notNull(),
}, (t) => [primaryKey({ columns: [t.itemId, t.agreementId] })]);

export const meetingContributions = pgTable('meeting_contributions', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull(),
  itemId: uuid('item_id').notNull().references(() => meetingItems.id),
  organisationCode: text('organisation_code').notNull(),
  authorId: uuid('author_id'),
  authorName: text('author_name').notNull(),
  knownFacts: text('known_facts'),
  involvement: text('involvement'),
  risks: text('risks'),
  createdAt: now('created_at'),
}, (t) => [index('meeting_contributions_item_idx').on(t.itemId)]);

/** Calendar feed tokens: the SHA-256 for the lookup, the token sealed with the server secret for its owner. */
export const calendarTokens = pgTable('calendar_tokens', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull(),
  userId: uuid('user_id').notNull().references(() => users.id),
  tokenHash: text('token_hash').notNull(),
  tokenSealed: text('token_sealed').notNull(),
  createdAt: now('created_at'),
  revokedAt: ts('revoked_at'),
}, (t) => [
  uniqueIndex('calendar_tokens_hash_unique').on(t.tokenHash),
  uniqueIndex('calendar_tokens_active_unique').on(t.userId).where(sql`revoked_at is null`),
]);
/** In-app notifications per user (werkdag): one per user, kind and subject (agreement or registration). */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  userId: uuid('user_id').notNull().references(() => users.id),
  kind: text('kind').notNull(),
  subjectId: uuid('subject_id').notNull(),
  caseId: uuid('case_id').references(() => cases.id),
  registrationId: uuid('registration_id').references(() => registrations.id),
  createdAt: now('created_at'),
  readAt: ts('read_at'),
}, (t) => [uniqueIndex('notifications_once').on(t.userId, t.kind, t.subjectId)]);

/** The daily e-mail digest: one row per user per day it was sent (counts only, no personal data). */
export const digestSends = pgTable('digest_sends', {
  userId: uuid('user_id').notNull().references(() => users.id),
  day: date('day', { mode: 'string' }).notNull(),
  tenantId: uuid('tenant_id').notNull().references(() => tenants.id),
  sentAt: now('sent_at'),
  counts: jsonb('counts').notNull(),
}, (t) => [primaryKey({ columns: [t.userId, t.day] })]);

/** Offers to transfer a case to another tenant of the installation (migration 0014_andere_zvh). */
export const zvhTransfers = pgTable('zvh_transfers', {
  id: uuid('id').primaryKey().default(sql`zvh_uuid_v7()`),
  fromTenantId: uuid('from_tenant_id').notNull().references(() => tenants.id),
  fromCaseId: uuid('from_case_id').notNull().references(() => cases.id),
  toTenantId: uuid('to_tenant_id').notNull().references(() => tenants.id),
  reason: text('reason').notNull(),
  status: text('status').notNull().default('aangeboden'),
  offeredBy: uuid('offered_by'),
  offeredAt: now('offered_at'),
  decidedAt: ts('decided_at'),
  decisionReason: text('decision_reason'),
  receivedCaseId: uuid('received_case_id').references(() => cases.id),
}, (t) => [
  uniqueIndex('zvh_transfers_pending_unique').on(t.fromCaseId).where(sql`status = 'aangeboden'`),
  index('zvh_transfers_to_idx').on(t.toTenantId, t.status),
]);
