// SPDX-License-Identifier: EUPL-1.2
// Who sees a journal entry or document of a case (issue 8, defect 3). Always chosen explicitly:
// the API has no default, the web form preselects nothing for partners and "alleen ZVH" for ZVH
// staff, and resets after every post.
//   zvh       the ZVH only (and the author's own organisation)
//   all       every participating organisation
//   selected  the ZVH plus the chosen participating organisations (and the author's own)

export const VISIBILITIES = ['zvh', 'all', 'selected'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The author may withdraw a journal entry this long after posting it (inclusive); later it can only be corrected. */
export const JOURNAL_WITHDRAW_MINUTES = 15;
export const JOURNAL_WITHDRAW_MS = JOURNAL_WITHDRAW_MINUTES * 60_000;

/** The form's starting value: "alleen ZVH" for ZVH staff, no choice at all for a partner. */
export function initialVisibility(zvhStaff: boolean): Visibility | null {
  return zvhStaff ? 'zvh' : null;
}
