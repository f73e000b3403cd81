// SPDX-License-Identifier: EUPL-1.2
// Builds the Fastify application: engine (core) first, then one module per workflow stage.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import zlib from 'node:zlib';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { Type } from 'typebox';
import type { Config } from './core/config.js';
import { SERVER_ROOT } from './core/paths.js';
import type { Database } from './core/db/index.js';
import { errorBody, registerAccess, registerBodyTypes, registerErrorHandling } from './core/http.js';
import type { AccessRule } from './core/http.js';
import { documentRoute, ErrorBody } from './core/openapi.js';
import type { Metrics } from './core/metrics.js';
import { createMetrics, registerRequestMetrics } from './core/metrics.js';
import { registerOperations } from './core/operations.js';
import { registerModules } from './modules/index.js';

export const WEB_DIST = join(SERVER_ROOT, '../web/dist');

export interface RouteInfo { method: string; url: string; access: AccessRule | undefined; bodyTypes?: string[] }

export type App = FastifyInstance & { routeInventory: RouteInfo[]; metrics: Metrics };

export interface BuildOptions {
  /** Where the log lines go (default stdout); the log test reads them. */
  logStream?: { write(line: string): void };
}

/**
 * Answers from this size on are compressed (brotli or gzip, as the client accepts). A smaller
 * answer (most single records: a case file is ~3 KB) goes out as it is: it fits in a few TCP
 * packets, and compressing it cost a fifth of the server's CPU per case read (issue 12: zlib sets
 * up a ~256 KB state for every answer). Lists, exports, the OpenAPI document and the web app are
 * larger and are compressed.
 */
export const COMPRESS_THRESHOLD = 4096;

export async function buildApp(config: Config, database: Database, options: BuildOptions = {}): Promise<App> {
  const { db } = database;
  const hops = config.trustProxy;
  const app = Fastify({
    genReqId: () => randomUUID(),
    // X-Forwarded-For only from the proxies named in TRUST_PROXY (default none): otherwise anyone
    // could choose their own address for the sign-in throttle and the logs
    trustProxy: typeof hops === 'number' ? (_address: string, hop: number) => hop < hops : hops,
    bodyLimit: 2 * 1024 * 1024,
    logger: config.logLevel === 'silent' ? false : {
      level: config.logLevel,
      ...(options.logStream ? { stream: options.logStream } : {}),
      // no personal data in the logs: no bodies, no query strings (they may hold a search on a name), no cookies
      serializers: {
        // a secret-token feed (calendar) is logged by its route pattern: the token is a credential
        req: (req) => ({ method: req.method, path: req.routeOptions?.url?.includes(':token') ? req.routeOptions.url : String(req.url).split('?')[0], reqId: req.id }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    },
    ajv: { customOptions: { allErrors: true } },
  });

  const routeInventory: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    const config = r.config as { access?: AccessRule; bodyTypes?: string[] } | undefined;
    for (const m of methods) if (m !== 'HEAD') routeInventory.push({ method: m, url: r.url, access: config?.access, bodyTypes: config?.bodyTypes });
  });

  // Only JSON bodies (and ndjson on the import route): a cross-site form post can never reach a handler.
  registerBodyTypes(app);

  const metrics = createMetrics(database.poolStats);
  registerRequestMetrics(app, metrics);

  // gzip/brotli for API answers and the web app (what the static files have precompressed is sent as is)
  await app.register(compress, {
    global: true, threshold: COMPRESS_THRESHOLD, encodings: ['br', 'gzip'],
    // quality 4: most of brotli's gain at a fraction of the CPU of its default 11 (answers are compressed per request)
    brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } },
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    // the same as frame-ancestors 'none', for browsers that only know the older header
    frameguard: { action: 'deny' },
    // HSTS per request below: whenever the site is reached over https
    hsts: false,
    crossOriginEmbedderPolicy: false,
  });
  const https = (request: FastifyRequest) => config.nodeEnv === 'production' || (config.publicUrl?.startsWith('https://') ?? false) || request.protocol === 'https';
  app.addHook('onSend', async (request, reply, payload) => {
    if (https(request)) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // API answers hold personal data: never kept in a browser or proxy cache (a route may say otherwise)
    if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'ZVH Casussysteem API', version: '0.1.0', description: 'API van het casussysteem voor Zorg- en Veiligheidshuizen',
        license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
      },
      servers: [{ url: '/', description: 'Deze installatie (API en web-app op één adres)' }],
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'zvh_session' } } },
      security: [{ session: [] }],
    },
    transform: documentRoute,
    // shared schemas keep their $id as their name in components.schemas (the generated web types use it)
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  app.addSchema(ErrorBody);
  await app.register(swaggerUi, {
    routePrefix: '/api/docs', staticCSP: true,
    // swagger-ui sets a policy of its own (frame-ancestors 'self'): the docs may not be framed either
    transformStaticCSP: (header) => header.replace(/frame-ancestors [^;]*/, "frame-ancestors 'none'"),
  });

  registerAccess(app, db, config);
  registerErrorHandling(app);

  app.get('/api/health', {
    config: { access: { public: true } },
    schema: {
      operationId: 'getHealth', tags: ['systeem'], summary: 'Gezondheid van de server', security: [],
      response: { 200: Type.Object({ status: Type.Literal('ok'), demo: Type.Boolean({ description: 'Demomodus: de demogebruikers kunnen aanmelden' }) }) },
    },
  }, async () => ({ status: 'ok', demo: config.demo }));
  registerOperations(app, database, metrics);
  app.get('/api/openapi.json', { config: { access: { public: true } }, schema: { hide: true } }, async () => app.swagger());

  registerModules(app, database, config);

  const hasWeb = existsSync(join(WEB_DIST, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false, preCompressed: true });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (hasWeb && request.method === 'GET' && !path.startsWith('/api/') && path !== '/api') {
      // the single-page app handles its own routes
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.status(404).send(errorBody('not_found', 'Niet gevonden'));
  });
  (app as unknown as App).routeInventory = routeInventory;
  (app as unknown as App).metrics = metrics;
  return app as unknown as App;
}
