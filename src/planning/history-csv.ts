/**
 * Contact history as CSV, validated completely before anything is written: every bad row is
 * reported by its line number (the header is line 1), and one bad row rejects the whole file.
 *
 * Columns (header required, any order, `,` or `;`): queue, interval_start, offered, answered,
 * abandoned, aht_seconds; optional site (site code) and answered_in_sl (answered within the
 * queue's threshold). interval_start is an instant with an offset ("2026-03-02T08:15:00+01:00",
 * "…Z") or Paris wall-clock time ("2026-03-02 08:15"), on a quarter hour.
 */
import { fromLocal } from '../calendar/index.js';

export interface HistoryRow {
  queueId: string;
  siteId: string | null;
  intervalStart: Date;
  offered: number;
  answered: number;
  abandoned: number;
  answeredInSl: number | null;
  ahtSeconds: number;
}

export interface LineError {
  line: number;
  column: string;
  message: string;
}

export const REQUIRED_COLUMNS = ['queue', 'interval_start', 'offered', 'answered', 'abandoned', 'aht_seconds'] as const;
const OPTIONAL_COLUMNS = ['site', 'answered_in_sl'] as const;
export const MAX_ROWS = 500_000;
const MAX_ERRORS_LISTED = 100;

export type ParseResult = { ok: true; rows: HistoryRow[] } | { ok: false; errors: LineError[]; errorCount: number };

export function parseHistoryCsv(
  text: string,
  queues: ReadonlyMap<string, string>,
  sites: ReadonlyMap<string, string>,
): ParseResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && (lines[lines.length - 1] as string).trim() === '') lines.pop();
  const errors: LineError[] = [];
  let errorCount = 0;
  const fail = (line: number, column: string, message: string) => {
    errorCount++;
    if (errors.length < MAX_ERRORS_LISTED) errors.push({ line, column, message });
  };
  const headerLine = lines[0];
  if (headerLine === undefined || headerLine.trim() === '') {
    return { ok: false, errors: [{ line: 1, column: 'header', message: 'the file is empty' }], errorCount: 1 };
  }
  const separator = headerLine.includes(';') ? ';' : ',';
  const header = headerLine.split(separator).map((h) => h.trim().toLowerCase());
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  for (const name of header) if (!known.has(name)) fail(1, name, 'is not a known column');
  for (const name of REQUIRED_COLUMNS) if (!header.includes(name)) fail(1, name, 'column is missing');
  if (new Set(header).size !== header.length) fail(1, 'header', 'a column appears twice');
  if (errorCount > 0) return { ok: false, errors, errorCount };
  if (lines.length - 1 > MAX_ROWS) {
    return {
      ok: false,
      errors: [{ line: MAX_ROWS + 2, column: 'file', message: `at most ${MAX_ROWS} rows per file` }],
      errorCount: 1,
    };
  }
  const index = Object.fromEntries(header.map((name, i) => [name, i])) as Record<string, number>;
  const rows: HistoryRow[] = [];
  const seen = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    const raw = lines[i] as string;
    if (raw.trim() === '') {
      fail(line, 'line', 'is empty');
      continue;
    }
    const cells = raw.split(separator).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== header.length) {
      fail(line, 'line', `has ${cells.length} values, the header has ${header.length}`);
      continue;
    }
    const cell = (name: string) => (index[name] === undefined ? '' : (cells[index[name] as number] as string));
    const before = errorCount;
    const queueId = queues.get(cell('queue'));
    if (!queueId) fail(line, 'queue', `"${cell('queue')}" is not a queue code`);
    let siteId: string | null = null;
    if (index.site !== undefined && cell('site') !== '') {
      siteId = sites.get(cell('site')) ?? null;
      if (!siteId) fail(line, 'site', `"${cell('site')}" is not a call-centre site code`);
    }
    const intervalStart = parseInstant(cell('interval_start'));
    if (typeof intervalStart === 'string') fail(line, 'interval_start', intervalStart);
    const count = (name: string): number => {
      const value = cell(name);
      if (!/^\d{1,9}$/.test(value)) {
        fail(line, name, `must be a whole number ≥ 0, got "${value}"`);
        return 0;
      }
      return Number(value);
    };
    const offered = count('offered');
    const answered = count('answered');
    const abandoned = count('abandoned');
    let answeredInSl: number | null = null;
    if (index.answered_in_sl !== undefined && cell('answered_in_sl') !== '') answeredInSl = count('answered_in_sl');
    const ahtText = cell('aht_seconds').replace(',', '.');
    const ahtSeconds = Number(ahtText);
    if (ahtText === '' || !Number.isFinite(ahtSeconds) || ahtSeconds < 0 || ahtSeconds > 86_400) {
      fail(line, 'aht_seconds', `must be a number of seconds between 0 and 86400, got "${cell('aht_seconds')}"`);
    }
    if (errorCount === before) {
      if (answered + abandoned > offered) fail(line, 'answered', 'answered + abandoned is more than offered');
      if (answeredInSl !== null && answeredInSl > answered) fail(line, 'answered_in_sl', 'is more than answered');
    }
    if (errorCount === before && queueId && intervalStart instanceof Date) {
      const key = `${queueId}|${siteId ?? ''}|${intervalStart.getTime()}`;
      const first = seen.get(key);
      if (first !== undefined) fail(line, 'interval_start', `same queue, site and interval as line ${first}`);
      else seen.set(key, line);
      rows.push({ queueId, siteId, intervalStart, offered, answered, abandoned, answeredInSl, ahtSeconds });
    }
  }
  if (errorCount > 0) return { ok: false, errors, errorCount };
  if (rows.length === 0)
    return { ok: false, errors: [{ line: 2, column: 'file', message: 'has no rows' }], errorCount: 1 };
  return { ok: true, rows };
}

const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const parisLocal = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:00)?$/;

/** The instant, or why not. */
export function parseInstant(text: string): Date | string {
  let date: Date;
  if (withOffset.test(text)) {
    date = new Date(text);
  } else {
    const match = parisLocal.exec(text);
    if (!match) return `must be a date-time like 2026-03-02T08:15:00+01:00 or 2026-03-02 08:15, got "${text}"`;
    try {
      date = fromLocal(match[1] as string, match[2] as string);
    } catch {
      return `is not a valid date-time: "${text}"`;
    }
  }
  if (Number.isNaN(date.getTime())) return `is not a valid date-time: "${text}"`;
  if (date.getTime() % 900_000 !== 0) return 'must start on a quarter hour (:00, :15, :30, :45)';
  return date;
}
