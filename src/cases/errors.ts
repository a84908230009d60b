import { badRequest } from '../platform/http/problem.js';

/** A 400 naming the field, like the ones zod validation produces. */
export const invalidField = (field: string, message: string) =>
  badRequest(`${field}: ${message}`, [{ field, message }]);
