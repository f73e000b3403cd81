// SPDX-License-Identifier: EUPL-1.2
// Who imports: a signed-in manager or beheerder (the HTTP route), or the CLI's system actor
// (core/context.ts systemCtx: no user id, the operating-system user as operator).
import type { Actor, Ctx, SystemActor } from '../../core/context.js';

export type ImportCtx = Ctx<Actor | SystemActor>;

/** What the processing log's details add (a jsonb object): for a system actor, who ran the tool. */
export const operatorDetails = (ctx: ImportCtx): string => JSON.stringify(ctx.actor.userId === null ? { operator: ctx.actor.operator } : {});
