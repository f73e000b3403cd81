// SPDX-License-Identifier: EUPL-1.2
/** The BSN 11-test ("elfproef"): 9 digits, sum of digit*weight (9..2, last -1) divisible by 11, not all zero. */
export function isValidBsn(bsn: string): boolean {
  if (!/^\d{9}$/.test(bsn)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(bsn[i]) * (9 - i);
  sum -= Number(bsn[8]);
  return sum % 11 === 0 && bsn !== '000000000';
}
