import type { TFunction } from 'i18next';
import { ApiError, type FieldError, NetworkError } from './client';

export interface ErrorDescription {
  /** Translated one-line summary chosen from the HTTP status. */
  summary: string;
  /** The server's `detail`, shown as given. */
  detail: string | null;
  fieldErrors: FieldError[];
}

function summaryFor(error: ApiError, t: TFunction): string {
  if (error.status === 401) return t('errors.status401');
  if (error.status === 403) return t('errors.status403');
  if (error.status === 404) return t('errors.status404');
  if (error.status === 429) {
    return error.retryAfterSeconds
      ? t('errors.status429Seconds', { count: error.retryAfterSeconds })
      : t('errors.status429');
  }
  if (error.status >= 500) return t('errors.status5xx');
  if (error.problem?.errors?.length) return t('errors.fieldErrors');
  return t('errors.generic');
}

export function describeError(error: unknown, t: TFunction): ErrorDescription {
  if (error instanceof NetworkError) {
    return { summary: t('errors.network'), detail: null, fieldErrors: [] };
  }
  if (error instanceof ApiError) {
    const detail = error.problem?.detail?.trim() || null;
    return { summary: summaryFor(error, t), detail, fieldErrors: error.problem?.errors ?? [] };
  }
  return { summary: t('errors.generic'), detail: null, fieldErrors: [] };
}

/** Maps problem+json `errors` to form field names ("body.email", "/email" and "email" all give "email"). */
export function fieldErrorsByName(fieldErrors: FieldError[]): Record<string, string> {
  const byName: Record<string, string> = {};
  for (const { field, message } of fieldErrors) {
    const name =
      field
        .split(/[./[\]]/)
        .filter(Boolean)
        .pop() ?? field;
    byName[name] = byName[name] ? `${byName[name]} ${message}` : message;
  }
  return byName;
}
