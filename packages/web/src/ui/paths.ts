// SPDX-License-Identifier: EUPL-1.2

/** True when `to` is the current page or (unless `end`) one of its sub-pages. */
export function isActivePath(pathname: string, to: string, end = false): boolean {
  const clean = (p: string) => (p.length > 1 && p.endsWith('/') ? p.slice(0, -1) : p);
  const path = clean(pathname);
  const target = clean(to);
  if (path === target) return true;
  if (end || target === '/') return false;
  return path.startsWith(`${target}/`);
}
