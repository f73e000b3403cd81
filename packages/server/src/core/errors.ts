// SPDX-License-Identifier: EUPL-1.2
// One error model: typed domain errors, mapped to {"error":{"code","message","details"}} by the
// single handler in http.ts.

export class DomainError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** Also used for anything the actor may not see: a refused case answers exactly like a missing one. */
export class NotFoundError extends DomainError {
  constructor(what = 'Niet gevonden') {
    super(404, 'not_found', what);
  }
}
export class UnauthorizedError extends DomainError {
  constructor(message = 'Niet ingelogd of sessie verlopen', code = 'unauthorized') {
    super(401, code, message);
  }
}
export class ForbiddenError extends DomainError {
  constructor(message = 'Geen toegang', code = 'forbidden') {
    super(403, code, message);
  }
}
export class ValidationError extends DomainError {
  constructor(message: string, details: { field: string; message: string }[], status = 422) {
    super(status, 'validation', message, details);
  }
}
export const fieldError = (field: string, message: string) => new ValidationError(message, [{ field, message }]);

export class ConflictError extends DomainError {
  constructor(code: string, message: string, details?: unknown) {
    super(409, code, message, details);
  }
}
export class TooManyRequestsError extends DomainError {
  constructor(message = 'Te veel mislukte pogingen; probeer het over 15 minuten opnieuw') {
    super(429, 'too_many_attempts', message);
  }
}
