// SPDX-License-Identifier: EUPL-1.2
/** The maintenance database URL on the same server (for CREATE/DROP DATABASE). */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}
export function templateName(url: string): string {
  const name = new URL(url).pathname.replace(/^\//, '') || 'zvh_test';
  return `${name}_tpl`.slice(0, 60);
}
