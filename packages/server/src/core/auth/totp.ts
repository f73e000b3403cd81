// SPDX-License-Identifier: EUPL-1.2
// TOTP (RFC 6238) with replay protection: a code's time step is accepted once per user.
import { authenticator } from 'otplib';
import type { Executor } from '../db/index.js';
import { one, sql } from '../db/index.js';

/** True when the code is valid now and its time step is newer than the last one used; records the step. */
export async function acceptTotp(ex: Executor, userId: string, secret: string, code: string): Promise<boolean> {
  const delta = authenticator.checkDelta(code, secret);
  if (delta === null) return false;
  const step = Math.floor(Date.now() / 30_000) + delta;
  // one atomic update: a concurrent second use of the same code finds the step taken
  const res = await one<{ id: string }>(ex, sql`update users set totp_last_step = ${step}
    where id = ${userId} and (totp_last_step is null or totp_last_step < ${step}) returning id`);
  return res !== undefined;
}
