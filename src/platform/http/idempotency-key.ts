import type { FastifyRequest } from 'fastify';
import { badRequest } from './problem.js';

/** The client's `Idempotency-Key` header, or null; 400 for a value that is not 1–255 visible ASCII characters. */
export function idempotencyKeyOf(request: FastifyRequest): string | null {
  const key = request.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
    const message = 'must be 1 to 255 visible ASCII characters';
    throw badRequest(`headers.idempotency-key: ${message}`, [{ field: 'headers.idempotency-key', message }]);
  }
  return key;
}
