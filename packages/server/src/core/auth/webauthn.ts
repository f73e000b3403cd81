// SPDX-License-Identifier: EUPL-1.2
// Passkeys (WebAuthn) with @simplewebauthn/server: registration of several named credentials per
// user and their use as the second factor. Challenges live in the database (several instances
// share them), each usable once and for 5 minutes. Authentication options name no user and no
// credentials (discoverable credentials), so asking for them reveals nothing about an account;
// the sign-in then checks that the credential belongs to the user whose password was right.
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '@simplewebauthn/server';
import {
  generateAuthenticationOptions, generateRegistrationOptions, verifyAuthenticationResponse, verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { isoBase64URL } from '@simplewebauthn/server/helpers';
import type { Executor } from '../db/index.js';
import { one, rows, sql } from '../db/index.js';
import { fieldError } from '../errors.js';

export type { AuthenticationResponseJSON, RegistrationResponseJSON };

/** The relying party: RP ID (a host name) and the origin the browser reports. */
export interface RelyingParty { id: string; origin: string; name: string }

/** From PUBLIC_URL when set, otherwise from the request's scheme and Host header. */
export function relyingParty(publicUrl: string | undefined, protocol: string, host: string | undefined): RelyingParty {
  const url = new URL(publicUrl ?? `${protocol}://${host ?? 'localhost'}`);
  return { id: url.hostname, origin: url.origin, name: 'ZVH Casussysteem' };
}

const CHALLENGE_MINUTES = 5;
type Purpose = 'register' | 'authenticate';

async function storeChallenge(ex: Executor, challenge: string, purpose: Purpose, userId: string | null): Promise<void> {
  await ex.execute(sql`delete from webauthn_challenges where expires_at < now()`);
  await ex.execute(sql`insert into webauthn_challenges (challenge, purpose, user_id, expires_at)
    values (${challenge}, ${purpose}, ${userId}, now() + make_interval(mins => ${CHALLENGE_MINUTES}))`);
}

/** Uses up a stored challenge: true when it exists, is unexpired and was made for this purpose (and user). */
async function takeChallenge(ex: Executor, challenge: string, purpose: Purpose, userId: string | null): Promise<boolean> {
  const row = await one<{ challenge: string }>(ex, sql`delete from webauthn_challenges
    where challenge = ${challenge} and purpose = ${purpose} and expires_at > now()
      and user_id is not distinct from ${userId}::uuid returning challenge`);
  return row !== undefined;
}

interface PasskeyRow { id: string; credential_id: string; public_key: string; counter: string | number; transports: string[] }

export async function registrationOptions(ex: Executor, rp: RelyingParty, user: { id: string; email: string; name: string }) {
  const existing = await rows<{ credential_id: string; transports: string[] }>(ex, sql`select credential_id, transports from passkeys where user_id = ${user.id}`);
  const options = await generateRegistrationOptions({
    rpName: rp.name, rpID: rp.id, userName: user.email, userDisplayName: user.name,
    userID: new TextEncoder().encode(user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credential_id, transports: c.transports as never })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  });
  await storeChallenge(ex, options.challenge, 'register', user.id);
  return options;
}

/** Verifies a registration response against a challenge made for this user; stores the passkey. */
export async function registerPasskey(ex: Executor, rp: RelyingParty, user: { id: string; tenantId: string }, name: string, response: RegistrationResponseJSON): Promise<string> {
  let verification;
  try {
    verification = await verifyRegistrationResponse({
      response, expectedRPID: rp.id, expectedOrigin: rp.origin, requireUserVerification: false,
      expectedChallenge: (challenge) => takeChallenge(ex, challenge, 'register', user.id),
    });
  } catch {
    throw fieldError('response', 'De passkey kon niet worden geverifieerd');
  }
  if (!verification.verified || !verification.registrationInfo) throw fieldError('response', 'De passkey kon niet worden geverifieerd');
  const { credential } = verification.registrationInfo;
  const taken = await one<{ id: string }>(ex, sql`select id from passkeys where credential_id = ${credential.id}`);
  if (taken) throw fieldError('response', 'Deze passkey is al geregistreerd');
  const row = await one<{ id: string }>(ex, sql`insert into passkeys (user_id, tenant_id, credential_id, public_key, counter, transports, name)
    values (${user.id}, ${user.tenantId}, ${credential.id}, ${isoBase64URL.fromBuffer(credential.publicKey)}, ${credential.counter},
            ${`{${(credential.transports ?? []).join(',')}}`}::text[], ${name}) returning id`);
  return row!.id;
}

/** Options for a passkey assertion (sign-in or re-authentication); no user, no credential list. */
export async function authenticationOptions(ex: Executor, rp: RelyingParty) {
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: 'preferred' });
  await storeChallenge(ex, options.challenge, 'authenticate', null);
  return options;
}

/**
 * True when the assertion is signed by one of this user's passkeys over an unused challenge of
 * ours; the signature counter moves on (a counter that goes back is refused).
 */
export async function verifyPasskey(ex: Executor, rp: RelyingParty, userId: string, response: AuthenticationResponseJSON): Promise<boolean> {
  const key = await one<PasskeyRow>(ex, sql`select id, credential_id, public_key, counter, transports from passkeys
    where user_id = ${userId} and credential_id = ${String(response?.id ?? '')}`);
  if (!key) return false;
  try {
    const v = await verifyAuthenticationResponse({
      response, expectedRPID: rp.id, expectedOrigin: rp.origin, requireUserVerification: false,
      expectedChallenge: (challenge) => takeChallenge(ex, challenge, 'authenticate', null),
      credential: { id: key.credential_id, publicKey: isoBase64URL.toBuffer(key.public_key), counter: Number(key.counter), transports: key.transports as never },
    });
    if (!v.verified) return false;
    await ex.execute(sql`update passkeys set counter = ${v.authenticationInfo.newCounter}, last_used_at = now() where id = ${key.id}`);
    return true;
  } catch {
    return false;
  }
}

export async function hasPasskeys(ex: Executor, userId: string): Promise<boolean> {
  return (await one<{ id: string }>(ex, sql`select id from passkeys where user_id = ${userId} limit 1`)) !== undefined;
}
