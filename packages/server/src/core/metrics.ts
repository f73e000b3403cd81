// SPDX-License-Identifier: EUPL-1.2
// Prometheus metrics (prom-client), one registry per application instance: Node's default process
// metrics, the HTTP request duration by route pattern (never the concrete URL: no ids or search
// terms in a label), the database pool, and the background jobs' runs and failures.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

export interface PoolStats { totalCount: number; idleCount: number; waitingCount: number }

export interface Metrics {
  registry: Registry;
  jobRuns: Counter<'job' | 'outcome'>;
  jobDuration: Histogram<'job'>;
}

export function createMetrics(pool?: PoolStats): Metrics {
  const registry = new Registry();
  registry.setDefaultLabels({ app: 'zvh' });
  collectDefaultMetrics({ register: registry });
  if (pool) {
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({ name, help, registers: [registry], collect() { this.set(read()); } });
    gauge('zvh_db_pool_connections', 'Open connections in the database pool', () => pool.totalCount);
    gauge('zvh_db_pool_idle', 'Idle connections in the database pool', () => pool.idleCount);
    gauge('zvh_db_pool_waiting', 'Queries waiting for a free connection of the database pool', () => pool.waitingCount);
  }
  return {
    registry,
    jobRuns: new Counter({ name: 'zvh_job_runs_total', help: 'Background job runs by job and outcome (ok, failed)', labelNames: ['job', 'outcome'], registers: [registry] }),
    jobDuration: new Histogram({ name: 'zvh_job_duration_seconds', help: 'Background job run time', labelNames: ['job'], buckets: [0.1, 0.5, 1, 5, 15, 60, 300], registers: [registry] }),
  };
}

/** Times every request by its route pattern (`/api/cases/:id`) and status code. */
export function registerRequestMetrics(app: FastifyInstance, metrics: Metrics): void {
  const duration = new Histogram({
    name: 'zvh_http_request_duration_seconds', help: 'HTTP request duration by method, route pattern and status',
    labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const url = request.routeOptions.url;
    // unknown paths all count under one label, so a scan cannot grow the label set
    const route = url === undefined ? 'unmatched' : url.startsWith('/api') ? url : 'web';
    duration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
}
