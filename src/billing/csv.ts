/**
 * A charge file (CSV) into a batch: a header line naming the columns, then one charge per line.
 * Errors name the file line ("body.csv.line 4.amountCents"), and a file with any error imports
 * nothing. Pure.
 */
import { type FieldError, HttpProblem, badRequest } from '../platform/http/problem.js';
import { type ChargeBatchBody, chargeItem } from './schema.js';

export const csvColumns = [
  'externalRef',
  'line',
  'merchantCode',
  'merchantName',
  'serviceName',
  'chargeType',
  'occurredAt',
  'amountCents',
  'consentFirstStepAt',
  'consentSecondStepAt',
  'consentChannel',
  'consentSourceIp',
  'consentSourceLine',
] as const;
const required = csvColumns.slice(0, 8);

/** RFC 4180 fields: commas, double quotes, "" inside quotes. Returns rows with their 1-based line number. */
export function parseCsvRows(text: string): Array<{ line: number; fields: string[] }> {
  const rows: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else {
        if (char === '\n') line++;
        field += char;
      }
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      fields.push(field);
      if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
      fields = [];
      field = '';
      line++;
      rowLine = line;
    } else field += char;
  }
  fields.push(field);
  if (fields.some((value) => value.trim() !== '')) rows.push({ line: rowLine, fields });
  return rows;
}

const lineField = (line: number, name: string) => `body.csv.line ${line}${name ? `.${name}` : ''}`;

export function parseChargeCsv(body: { source: string; reference: string; csv: string }): ChargeBatchBody & {
  lineNumbers: number[];
} {
  const rows = parseCsvRows(body.csv);
  const header = rows.shift();
  const errors: FieldError[] = [];
  const columns = header?.fields.map((name) => name.trim()) ?? [];
  for (const name of required) {
    if (!columns.includes(name))
      errors.push({ field: lineField(1, name), message: 'column is missing from the header' });
  }
  for (const name of columns) {
    if (!(csvColumns as readonly string[]).includes(name)) {
      errors.push({ field: lineField(1, name), message: 'is not a known column' });
    }
  }
  if (rows.length === 0) errors.push({ field: 'body.csv', message: 'has no charge after the header' });
  if (errors.length > 0)
    throw badRequest(`The file was not imported: ${errors[0]?.field}: ${errors[0]?.message}`, errors);

  const charges: ChargeBatchBody['charges'] = [];
  for (const row of rows) {
    if (row.fields.length !== columns.length) {
      errors.push({
        field: lineField(row.line, ''),
        message: `has ${row.fields.length} fields, the header ${columns.length}`,
      });
      continue;
    }
    const value = (name: string) => {
      const text = row.fields[columns.indexOf(name)]?.trim();
      return text === undefined || text === '' ? undefined : text;
    };
    const amount = value('amountCents');
    const consentChannel = value('consentChannel');
    const raw = {
      externalRef: value('externalRef'),
      line: value('line'),
      merchantCode: value('merchantCode'),
      merchantName: value('merchantName'),
      serviceName: value('serviceName'),
      chargeType: value('chargeType'),
      occurredAt: value('occurredAt'),
      amountCents: amount !== undefined && /^-?\d+$/.test(amount) ? Number(amount) : amount,
      ...(consentChannel || value('consentFirstStepAt') || value('consentSecondStepAt')
        ? {
            consent: Object.fromEntries(
              Object.entries({
                firstStepAt: value('consentFirstStepAt'),
                secondStepAt: value('consentSecondStepAt'),
                channel: consentChannel,
                sourceIp: value('consentSourceIp'),
                sourceLine: value('consentSourceLine'),
              }).filter(([, entry]) => entry !== undefined),
            ),
          }
        : {}),
    };
    const parsed = chargeItem.safeParse(raw);
    if (parsed.success) charges.push(parsed.data);
    else {
      for (const issue of parsed.error.issues) {
        const path = issue.path.map(String);
        const column =
          path[0] === 'consent' && path[1]
            ? `consent${path[1].charAt(0).toUpperCase()}${path[1].slice(1)}`
            : path.join('.');
        errors.push({ field: lineField(row.line, column), message: issue.message });
      }
    }
  }
  if (errors.length > 0)
    throw badRequest(`The file was not imported: ${errors[0]?.field}: ${errors[0]?.message}`, errors);
  return { source: body.source, reference: body.reference, charges, lineNumbers: rows.map((row) => row.line) };
}

/** Errors found later, per charge index, renamed to the file's line numbers. */
export function renameToLines(problem: HttpProblem, lineNumbers: readonly number[]): HttpProblem {
  if (!problem.errors) return problem;
  const errors = problem.errors.map((error) => {
    const match = /^body\.charges\.(\d+)\.(.+)$/.exec(error.field);
    if (!match) return error;
    const line = lineNumbers[Number(match[1])];
    return line === undefined ? error : { field: lineField(line, match[2] ?? ''), message: error.message };
  });
  const first = errors[0];
  return new HttpProblem(
    problem.status,
    problem.title,
    first ? `The file was not imported: ${first.field}: ${first.message}` : problem.detail,
    errors,
  );
}
