/** What the queue and site settings forms share: server field errors by path, the save error with its reload, number parsing. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type FieldError } from '../../api/client';
import { ErrorAlert } from '../StatusMessages';

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The form opens below the tables: its title takes the focus, which also scrolls it into view. */
export function useFocusOnOpen() {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** "12,5" or "12.5" → 12.5; empty → null (the server then names the field). */
export function numberOrNull(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** A share in [0, 1] as a percentage typed by a person, and back. */
export const toPercent = (share: number) => String(Math.round(share * 10_000) / 100);
export const fromPercent = (text: string) => {
  const value = numberOrNull(text);
  return value === null ? null : Math.round(value * 100) / 10_000;
};

/**
 * The server's field errors by path without "body." ("seats", "queues.0.seats"); an error on an item
 * of a list of values ("languages.1", "openWeekdays.0") is shown beside the list.
 */
export function errorsByPath(error: unknown): { byPath: Record<string, string>; all: FieldError[] } {
  const all = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
  const byPath: Record<string, string> = {};
  for (const { field, message } of all) {
    const path = field.replace(/^body\.?/, '').replace(/\.\d+$/, '') || 'body';
    byPath[path] = byPath[path] ? `${byPath[path]} ${message}` : message;
  }
  return { byPath, all };
}

/** Field errors with no field on the form (shown in the banner), so that none is lost. */
export function orphanMessages(all: FieldError[], shown: (path: string) => boolean): string[] {
  return all
    .filter((e) => !shown(e.field.replace(/^body\.?/, '').replace(/\.\d+$/, '')))
    .map((e) => `${e.field.replace(/^body\./, '')} : ${e.message}`);
}

/** 409 explained in words, with the way out: reload the current values. */
export function SaveError({
  error,
  onReload,
  extraMessages,
}: {
  error: unknown;
  onReload: () => void;
  extraMessages: string[];
}) {
  const { t } = useTranslation();
  if (error instanceof ApiError && error.status === 409) {
    return (
      <div className="alert alert-error" role="alert">
        <p className="alert-summary">{t('planningSettings.conflict.title')}</p>
        <p>{t('planningSettings.conflict.body')}</p>
        <button type="button" className="button button-secondary" onClick={onReload}>
          {t('planningSettings.conflict.reload')}
        </button>
      </div>
    );
  }
  return <ErrorAlert error={error} extraMessages={extraMessages} />;
}
