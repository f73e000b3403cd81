// SPDX-License-Identifier: EUPL-1.2
// Test-only delay hooks for the crash tests (e2e/crash.e2e.test.ts): a hook holds a transaction
// open so a test can kill the server in the middle of it. Set by environment variables that are
// never read in production: loadConfig refuses to start with one set when NODE_ENV=production,
// and the hook itself does nothing there either.

/** ZVH_TEST_TRIAGE_DELAY_MS: the triage transaction waits this long after writing the case and its participants, before the commit. */
export const TEST_HOOK_VARS = ['ZVH_TEST_TRIAGE_DELAY_MS'] as const;
export type TestHook = (typeof TEST_HOOK_VARS)[number];

/** The milliseconds a hook waits (0: off; always 0 in production). */
export function testHookDelay(name: TestHook, env: NodeJS.ProcessEnv = process.env): number {
  if (env.NODE_ENV === 'production') return 0;
  const ms = Number(env[name] ?? 0);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

/** Waits when the hook is set; prints one line first so a test knows the transaction is held open. */
export async function testHook(name: TestHook): Promise<void> {
  const ms = testHookDelay(name);
  if (ms === 0) return;
  process.stdout.write(`test hook ${name}: holding the transaction open for ${ms} ms\n`);
  await new Promise((r) => setTimeout(r, ms));
}
