import { ApiError } from '../../api/client';
import { fieldErrorsByName } from '../../api/errorMessage';

/** Server field errors by field name, and the messages of fields the form does not show. */
export function splitFieldErrors(error: unknown, formFields: readonly string[]) {
  const byName = error instanceof ApiError ? fieldErrorsByName(error.problem?.errors ?? []) : {};
  const shown = new Set(formFields);
  const others = Object.entries(byName)
    .filter(([name]) => !shown.has(name))
    .map(([name, message]) => `${name} : ${message}`);
  return { byName, others };
}
