/** Opaque keyset-pagination cursors: the sort key of the last row of the previous page. */
import { badRequest } from './problem.js';

export function encodeCursor(values: Array<string | number>): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string | undefined, arity: number): Array<string | number> | null {
  if (cursor === undefined) return null;
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((value) => typeof value === 'string' || typeof value === 'number')
    ) {
      return values;
    }
  } catch {
    // fall through to the error below
  }
  throw badRequest('query.cursor: is not a cursor returned by this API', [
    { field: 'query.cursor', message: 'is not a cursor returned by this API' },
  ]);
}
