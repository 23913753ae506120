/** One failing field of a request. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/** An `application/problem+json` body (RFC 9457), as the API answers every error. */
export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
  readonly rule?: string;
  /** Whom to contact, on a registration that matched a family already known. */
  readonly contacts?: readonly object[];
  readonly correlationId?: string;
  /** Health checks, on a failed readiness check. */
  readonly checks?: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** An error the API answers as a problem with this status; thrown by controllers and guards. */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly kind: string,
    readonly title: string,
    readonly detail: string,
    readonly extras: Pick<ProblemBody, 'errors' | 'rule' | 'contacts'> = {},
  ) {
    super(detail);
    this.name = 'Problem';
  }

  static badRequest(detail: string, errors?: readonly FieldError[]): Problem {
    return new Problem(400, 'validation-error', 'Bad Request', detail, { errors });
  }

  static notFound(detail: string): Problem {
    return new Problem(404, 'not-found', 'Not Found', detail);
  }
}

export function problemType(kind: string): string {
  return `/problems/${kind}`;
}
