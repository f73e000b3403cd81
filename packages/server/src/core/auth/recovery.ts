// SPDX-License-Identifier: EUPL-1.2
// Recovery codes for TOTP: 10 single-use codes of 80 random bits, shown once, stored as SHA-256
// (80 bits cannot be searched offline, so a slow hash is not needed). A code stands in for the
// TOTP code at sign-in and at re-authentication.
import { createHash, randomBytes } from 'node:crypto';
import type { Executor } from '../db/index.js';
import { one, sql, transaction } from '../db/index.js';

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols, no l/o/0/1

/** Normalises what a user typed: lower case, without spaces and dashes. */
export const normaliseRecoveryCode = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');
const hashCode = (code: string) => createHash('sha256').update(normaliseRecoveryCode(code)).digest('hex');

/** Whether the input looks like a recovery code (16 symbols, dashes and spaces ignored) rather than a 6-digit TOTP code. */
export const isRecoveryCodeShape = (code: string) => /^[a-z2-9]{16}$/.test(normaliseRecoveryCode(code));

function newCode(): string {
  const bytes = randomBytes(16);
  let s = '';
  for (let i = 0; i < 16; i++) s += ALPHABET[bytes[i]! & 31];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}-${s.slice(12)}`;
}

/** Replaces the user's recovery codes with 10 new ones; returns them (the only time they are seen). */
export async function generateRecoveryCodes(ex: Executor, user: { id: string; tenantId: string }): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await transaction(ex, async (tx) => {
    await tx.execute(sql`delete from recovery_codes where user_id = ${user.id}`);
    for (const c of codes) {
      await tx.execute(sql`insert into recovery_codes (user_id, tenant_id, code_hash) values (${user.id}, ${user.tenantId}, ${hashCode(c)})`);
    }
  });
  return codes;
}

/** Uses up one recovery code: true when it was valid and unused (atomic, so a code works once). */
export async function consumeRecoveryCode(ex: Executor, userId: string, code: string): Promise<boolean> {
  if (!isRecoveryCodeShape(code)) return false;
  const used = await one<{ id: string }>(ex, sql`update recovery_codes set used_at = now()
    where user_id = ${userId} and code_hash = ${hashCode(code)} and used_at is null returning id`);
  return used !== undefined;
}

/** How many unused recovery codes the user has left. */
export async function recoveryCodesLeft(ex: Executor, userId: string): Promise<number> {
  const r = await one<{ n: number }>(ex, sql`select count(*)::int as n from recovery_codes where user_id = ${userId} and used_at is null`);
  return Number(r?.n ?? 0);
}

export async function deleteRecoveryCodes(ex: Executor, userId: string): Promise<void> {
  await ex.execute(sql`delete from recovery_codes where user_id = ${userId}`);
}
