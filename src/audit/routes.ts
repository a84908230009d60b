import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { defineRoute } from '../platform/http/route.js';
import { listCustomerReads } from './queries.js';

const customerReadsQuery = z
  .object({
    /** Only reads of this customer's file */
    customerId: z.uuid('must be a customer id').optional(),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .strict();

export function registerAuditRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/customer-reads',
    summary: 'Who read which customer file, newest first (supervisor, admin)',
    tags: ['audit'],
    query: customerReadsQuery,
    handler: async ({ request, query }) => {
      requireAccess(request, 'audit:read');
      const before = decodeCursor(query.cursor, 1)?.[0];
      const items = await listCustomerReads(ctx.db, {
        customerId: query.customerId,
        beforeId: typeof before === 'number' ? before : undefined,
        limit: query.limit + 1,
      });
      const page = items.slice(0, query.limit);
      const last = page.at(-1);
      return { items: page, nextCursor: items.length > query.limit && last ? encodeCursor([last.id]) : null };
    },
  });
}
