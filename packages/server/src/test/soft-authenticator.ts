// SPDX-License-Identifier: EUPL-1.2
// A software authenticator for tests: one ES256 key (node:crypto) per credential, attestation
// "none", authenticatorData and clientDataJSON built by hand, so passkey registration and
// assertions run through @simplewebauthn/server for real.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { isoBase64URL, isoCBOR } from '@simplewebauthn/server/helpers';

export const b64u = (b: Buffer | Uint8Array) => isoBase64URL.fromBuffer(new Uint8Array(b));
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest();

export class SoftAuthenticator {
  readonly credentialId = randomBytes(32);
  private readonly key: { privateKey: KeyObject; publicKey: KeyObject } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  private count = 0;

  /** `rp`: the relying party the server expects (RP ID and origin: PUBLIC_URL, or localhost in app.inject). */
  constructor(readonly rp: { id: string; origin: string } = { id: 'localhost', origin: 'http://localhost' }) {}

  private authData(flags: number, attested?: Uint8Array): Buffer {
    const counter = Buffer.alloc(4);
    counter.writeUInt32BE(++this.count);
    return Buffer.concat([sha256(this.rp.id), Buffer.from([flags]), counter, ...(attested ? [Buffer.from(attested)] : [])]);
  }

  /** The public key as COSE (what a stored passkey keeps, base64url in passkeys.public_key). */
  cosePublicKey(): Uint8Array {
    const jwk = this.key.publicKey.export({ format: 'jwk' });
    return isoCBOR.encode(new Map<number, number | Uint8Array>([
      [1, 2], [3, -7], [-1, 1], [-2, isoBase64URL.toBuffer(jwk.x!)], [-3, isoBase64URL.toBuffer(jwk.y!)],
    ]));
  }

  create(challenge: string, origin = this.rp.origin) {
    const idLen = Buffer.alloc(2);
    idLen.writeUInt16BE(this.credentialId.length);
    const attested = Buffer.concat([Buffer.alloc(16), idLen, this.credentialId, Buffer.from(this.cosePublicKey())]);
    const authData = this.authData(0x45, attested); // UP, UV, AT
    const attestationObject = isoCBOR.encode(new Map<string, unknown>([['fmt', 'none'], ['attStmt', new Map()], ['authData', new Uint8Array(authData)]]) as never);
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.create', challenge, origin, crossOrigin: false }));
    return {
      id: b64u(this.credentialId), rawId: b64u(this.credentialId), type: 'public-key' as const,
      response: { clientDataJSON: b64u(clientDataJSON), attestationObject: b64u(attestationObject), transports: ['internal'] },
      clientExtensionResults: {},
    };
  }

  get(challenge: string, origin = this.rp.origin) {
    const authData = this.authData(0x05); // UP, UV
    const clientDataJSON = Buffer.from(JSON.stringify({ type: 'webauthn.get', challenge, origin, crossOrigin: false }));
    const signature = sign('sha256', Buffer.concat([authData, sha256(clientDataJSON)]), this.key.privateKey);
    return {
      id: b64u(this.credentialId), rawId: b64u(this.credentialId), type: 'public-key' as const,
      response: { clientDataJSON: b64u(clientDataJSON), authenticatorData: b64u(authData), signature: b64u(signature) },
      clientExtensionResults: {},
    };
  }
}
