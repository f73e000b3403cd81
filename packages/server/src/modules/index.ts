// SPDX-License-Identifier: EUPL-1.2
// One module per workflow stage; each registers its own routes.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/index.js';

export function registerModules(_app: FastifyInstance, _database: Database, _config: Config): void {
  // case-flow modules are registered here as they land
}
