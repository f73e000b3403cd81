// SPDX-License-Identifier: EUPL-1.2
// A real OpenID Connect provider (oidc-provider) for the SSO tests, run in a child process on
// 127.0.0.1 with a random port. One confidential client for our callback; any login name is an
// account whose e-mail claim is that name. CLOCK_OFFSET_SECONDS shifts this process's clock, so
// its ID tokens can be issued already expired. Prints "READY <issuer>" when listening.
import { createServer } from 'node:http';

const offset = Number(process.env.CLOCK_OFFSET_SECONDS ?? 0) * 1000;
if (offset) {
  const realNow = Date.now;
  Date.now = () => realNow() + offset;
}
const { default: Provider } = await import('oidc-provider');

const server = createServer();
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{
    client_id: process.env.CLIENT_ID, client_secret: process.env.CLIENT_SECRET,
    redirect_uris: [process.env.REDIRECT_URI], grant_types: ['authorization_code'], response_types: ['code'],
  }],
  pkce: { required: () => true },
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
  async findAccount(_ctx, id) {
    return { accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true, name: id }) };
  },
  features: { devInteractions: { enabled: true } },
  ttl: { IdToken: 60 },
});
server.on('request', provider.callback());
process.stdout.write(`READY ${issuer}\n`);
process.on('SIGTERM', () => server.close(() => process.exit(0)));
