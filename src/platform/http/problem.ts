/**
 * Errors as RFC 9457 problem details. Domain code throws `HttpProblem`s (or zod errors via
 * `parseInput`); the app's error handler is the one place that turns anything into a response.
 */
import type { ZodError } from 'zod';

export interface FieldError {
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    /** Extra members of the problem body (RFC 9457 extensions), e.g. the cases a client may pick from. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail ?? title);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) =>
  new HttpProblem(400, 'Invalid request', detail, errors);
export const unauthorized = (detail = 'You need to sign in.') => new HttpProblem(401, 'Unauthorized', detail);
export const forbidden = (detail = 'Your role does not allow this.') => new HttpProblem(403, 'Forbidden', detail);
export const notFound = (what: string) => new HttpProblem(404, 'Not found', `${what} was not found.`);
export const conflict = (detail: string) => new HttpProblem(409, 'Conflict', detail);

export function fieldErrorsFromZod(error: ZodError, location: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : null;
    return {
      field: unknownKeys
        ? `${location}${path ? `.${path}` : ''}.${unknownKeys}`
        : path
          ? `${location}.${path}`
          : location,
      message: issue.message,
    };
  });
}

export function problemBody(problem: HttpProblem, instance?: string) {
  return {
    type: 'about:blank',
    title: problem.title,
    status: problem.status,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(problem.errors ? { errors: problem.errors } : {}),
    ...problem.extensions,
    ...(instance ? { instance } : {}),
  };
}
