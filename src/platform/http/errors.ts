import { commonText } from '../i18n/common.messages.ts';
import { localized, type Locale, type LocalizedText } from '../i18n/locale.ts';

export interface FieldProblem {
  field: string;
  text: LocalizedText;
}

/**
 * The one error type. `code` is stable (clients and tests may rely on it);
 * `text` is what a person reads, in every locale.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: LocalizedText,
    readonly problems: FieldProblem[] = [],
  ) {
    super(`${code}: ${text.en}`);
  }

  static notFound(): AppError {
    return new AppError('not_found', 404, localized(commonText, (m) => m.errors.notFound));
  }
  static unauthenticated(): AppError {
    return new AppError('unauthenticated', 401, localized(commonText, (m) => m.errors.unauthenticated));
  }
  static forbidden(): AppError {
    return new AppError('forbidden', 403, localized(commonText, (m) => m.errors.forbidden));
  }
  static csrf(): AppError {
    return new AppError('csrf_failed', 403, localized(commonText, (m) => m.errors.csrf));
  }
  static rateLimited(): AppError {
    return new AppError('rate_limited', 429, localized(commonText, (m) => m.errors.rateLimited));
  }
  static invalid(problems: FieldProblem[]): AppError {
    return new AppError('invalid_input', 400, localized(commonText, (m) => m.errors.fixBelow), problems);
  }
  /** A single bad field, found by a rule beyond the schema (a taken name, a wrong code). */
  static field(code: string, field: string, text: LocalizedText, status = 400): AppError {
    return new AppError(code, status, text, [{ field, text }]);
  }
}

export interface ErrorBody {
  error: { code: string; message: string; fields: { field: string; message: string }[] };
}

export function errorBody(error: AppError, locale: Locale): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.text[locale],
      fields: error.problems.map((p) => ({ field: p.field, message: p.text[locale] })),
    },
  };
}
