// SPDX-License-Identifier: EUPL-1.2
// What a user types as their second factor: a code from the authenticator app (6 digits) or a
// recovery code (16 letters and digits, usually written xxxx-xxxx-xxxx-xxxx). Checked here before
// sending; the server checks again.

export type FactorCodeCheck = { otp: string } | { error: 'required' | 'format' };

/** The code to send (spaces and dashes removed), or why it cannot be one. */
export function checkFactorCode(value: string): FactorCodeCheck {
  const compact = value.replace(/[\s-]/g, '');
  if (!compact) return { error: 'required' };
  if (/^\d{6}$/.test(compact)) return { otp: compact };
  if (/^[a-zA-Z2-9]{16}$/.test(compact)) return { otp: compact.toLowerCase() };
  return { error: 'format' };
}
