// SPDX-License-Identifier: EUPL-1.2
import type { Role } from '@zvh/shared';
import { ZVH_ROLES } from '@zvh/shared';
import type { Db } from './db/index.js';

/** The signed-in user a request acts for. */
export interface Actor {
  userId: string;
  sessionId: string;
  tenantId: string;
  tenantCode: string;
  email: string;
  name: string;
  organisationCode: string;
  organisationKind: 'zvh' | 'partner';
  municipalityCode: string | null;
  roles: Role[];
  mustChangePassword: boolean;
}

/** What every service call gets: who acts, the trace id for the logs and the database. */
export interface Ctx {
  actor: Actor;
  traceId: string;
  db: Db;
}

/** ZVH staff: a user of the ZVH organisation holding one of the ZVH roles. */
export function isZvhStaff(actor: Actor): boolean {
  return actor.organisationKind === 'zvh' && actor.roles.some((r) => ZVH_ROLES.includes(r));
}
