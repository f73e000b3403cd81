// SPDX-License-Identifier: EUPL-1.2
// Where the server package lives on disk, the same whether this code runs from src/ (tsx, tests)
// or from the ahead-of-time bundle in dist/: migrations and the built web app are found from it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findServerRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === '@zvh/server') return dir;
      } catch { /* not ours; keep looking */ }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`package @zvh/server not found above ${start}`);
    dir = up;
  }
}

/** packages/server */
export const SERVER_ROOT = findServerRoot(dirname(fileURLToPath(import.meta.url)));
