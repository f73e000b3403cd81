// SPDX-License-Identifier: EUPL-1.2
import type { TFunction } from 'i18next';
import { NETWORK_ERROR, type ApiError } from './client';

/** Error codes the app explains in its own words (in the current language). */
const KNOWN: Record<string, 'invalid_credentials' | 'otp_required' | 'otp_invalid' | 'too_many_attempts' | 'network_error' | 'forbidden' | 'not_found' | 'unauthorized'> = {
  invalid_credentials: 'invalid_credentials',
  otp_required: 'otp_required',
  otp_invalid: 'otp_invalid',
  too_many_attempts: 'too_many_attempts',
  [NETWORK_ERROR]: 'network_error',
  forbidden: 'forbidden',
  not_found: 'not_found',
  unauthorized: 'unauthorized',
};

/** A message for the user: our own text for known codes, otherwise the server's message. */
export function errorMessage(t: TFunction, error: ApiError): string {
  const key = KNOWN[error.code];
  if (key) return t(`errors.${key}`);
  if (error.status === 429) return t('errors.too_many_attempts');
  if (error.status >= 500) return t('errors.server');
  return error.message || t('errors.unknown');
}
