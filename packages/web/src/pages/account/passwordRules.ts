// SPDX-License-Identifier: EUPL-1.2
export const MIN_PASSWORD_LENGTH = 12;

export interface PasswordErrors {
  currentPassword?: string;
  newPassword?: string;
  repeatPassword?: string;
}

/** Client-side checks of a new password; the server checks again. */
export function validateNewPassword(
  values: { currentPassword: string; newPassword: string; repeatPassword: string },
  messages: { currentRequired: string; tooShort: string; sameAsCurrent: string; noMatch: string },
): PasswordErrors {
  const errors: PasswordErrors = {};
  if (!values.currentPassword) errors.currentPassword = messages.currentRequired;
  if (values.newPassword.length < MIN_PASSWORD_LENGTH) errors.newPassword = messages.tooShort;
  else if (values.newPassword === values.currentPassword) errors.newPassword = messages.sameAsCurrent;
  if (!errors.newPassword && values.repeatPassword !== values.newPassword) errors.repeatPassword = messages.noMatch;
  return errors;
}
