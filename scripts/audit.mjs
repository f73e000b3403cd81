#!/usr/bin/env node
// SPDX-License-Identifier: EUPL-1.2
// `npm audit --omit=dev --audit-level=high` for CI (.ci/run): fails on a high or critical advisory
// in a production dependency, except the accepted ones below (each documented with its reason in
// docs/security.md, "Aanvalstests" > npm audit). When the registry answers no audit at all (a
// mirror without the advisory endpoint), it says so loudly and does not fail the build: that is no
// finding, and the check runs wherever the registry offers it.
import { spawnSync } from 'node:child_process';

/** Accepted advisories: package name -> reason (keep in step with docs/security.md). */
const ACCEPTED = {};

const run = spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = {};
}
if (report.error || !report.metadata) {
  const why = report.message ?? ([report.error?.code, report.error?.summary, report.error?.detail].filter(Boolean).join(': ') || 'no answer');
  console.warn(`npm audit: WARNING: the registry gave no audit report (${why}); production dependencies NOT checked here`);
  process.exit(0);
}
const bad = Object.entries(report.vulnerabilities ?? {})
  .filter(([, v]) => v.severity === 'high' || v.severity === 'critical')
  .filter(([name]) => !(name in ACCEPTED));
for (const [name, reason] of Object.entries(ACCEPTED)) console.log(`npm audit: accepted ${name}: ${reason}`);
if (bad.length) {
  for (const [name, v] of bad) console.error(`npm audit: ${v.severity} in ${name} (${v.range}); fix: ${JSON.stringify(v.fixAvailable)}`);
  process.exit(1);
}
const m = report.metadata.vulnerabilities ?? {};
console.log(`npm audit: no high or critical advisories in production dependencies (low ${m.low ?? 0}, moderate ${m.moderate ?? 0})`);
