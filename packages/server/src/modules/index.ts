// SPDX-License-Identifier: EUPL-1.2
// One module per workflow stage; each registers its own routes.
import type { FastifyInstance } from 'fastify';
import type { Config } from '../core/config.js';
import type { Database } from '../core/db/index.js';
import { authRoutes } from './auth/routes.js';
import { beheerRoutes, referenceRoutes } from './beheer/routes.js';
import { aanmeldingRoutes } from './aanmelding/routes.js';
import { triageRoutes } from './triage/routes.js';
import { procesregieRoutes } from './procesregie/routes.js';
import { afsluitingRoutes } from './afsluiting/routes.js';
import { monitoringRoutes } from './monitoring/routes.js';
import { personenRoutes } from './personen/routes.js';
import { importRoutes } from './import/routes.js';
import { rapportageRoutes } from './rapportage/routes.js';
import { capaciteitRoutes } from './capaciteit/routes.js';
import { casusoverlegRoutes } from './casusoverleg/routes.js';
import { werkdagRoutes } from './werkdag/routes.js';
import { faciliteringRoutes } from './facilitering/routes.js';
import { andereZvhRoutes } from './andere-zvh/routes.js';
import { informatieknooppuntRoutes } from './informatieknooppunt/routes.js';
import { uitkomstRoutes } from './uitkomst/routes.js';
import { signalenRoutes } from './signalen/routes.js';
import { adviesRoutes } from './advies/routes.js';
import { escalatieRoutes } from './escalatie/routes.js';
import { radarRoutes } from './radar/routes.js';
import { privacyRoutes } from './privacy/routes.js';
import { goedkeuringRoutes } from './goedkeuring/routes.js';

export function registerModules(app: FastifyInstance, database: Database, config: Config): void {
  const { db } = database;
  authRoutes(app, db, config);
  referenceRoutes(app, db);
  beheerRoutes(app, db);
  aanmeldingRoutes(app, db);
  triageRoutes(app, db);
  procesregieRoutes(app, db);
  afsluitingRoutes(app, db);
  monitoringRoutes(app, db);
  personenRoutes(app, db);
  importRoutes(app, db);
  rapportageRoutes(app, db);
  capaciteitRoutes(app, db);
  casusoverlegRoutes(app, db, config);
  werkdagRoutes(app, db);
  faciliteringRoutes(app, db);
  andereZvhRoutes(app, db, config);
  informatieknooppuntRoutes(app, db);
  uitkomstRoutes(app, db);
  signalenRoutes(app, db);
  adviesRoutes(app, db);
  escalatieRoutes(app, db);
  radarRoutes(app, db);
  privacyRoutes(app, db);
  goedkeuringRoutes(app, db);
}
