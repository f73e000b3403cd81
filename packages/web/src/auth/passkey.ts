// SPDX-License-Identifier: EUPL-1.2
// Passkeys in the browser (@simplewebauthn/browser): the server makes the challenge, the browser's
// authenticator signs it, the server checks it.
import { browserSupportsWebAuthn, startAuthentication, startRegistration } from '@simplewebauthn/browser';
import type { AuthenticationResponseJSON, PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON, RegistrationResponseJSON } from '@simplewebauthn/browser';
import { api } from '../api/client';

export const passkeysSupported = () => typeof window !== 'undefined' && browserSupportsWebAuthn();

/** Asks the authenticator for an assertion over a fresh server challenge (sign-in or re-authentication). */
export async function passkeyAssertion(): Promise<AuthenticationResponseJSON> {
  const optionsJSON = await api.post<PublicKeyCredentialRequestOptionsJSON>('/api/auth/passkey/options', {});
  return startAuthentication({ optionsJSON });
}

/** Creates a new passkey for the signed-in user and registers it under `name`. */
export async function registerPasskey(name: string): Promise<{ id: string }> {
  const optionsJSON = await api.post<PublicKeyCredentialCreationOptionsJSON>('/api/account/passkeys/options', {});
  const response: RegistrationResponseJSON = await startRegistration({ optionsJSON });
  return api.post<{ id: string }>('/api/account/passkeys', { name, response });
}

/** The user cancelled or the browser refused (NotAllowedError): not worth an error of its own. */
export const isCancelled = (err: unknown) => err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'AbortError');
