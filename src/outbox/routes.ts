/** Messages sent to a customer (e-mail, SMS, letters), so staff and the customer can read what we wrote. */
import type { FastifyInstance } from 'fastify';
import { logCustomerRead } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { notFound } from '../platform/http/problem.js';
import { redactTokens } from '../platform/http/redact-tokens.js';
import { defineRoute } from '../platform/http/route.js';
import { customerVisible, listCustomerMessages } from './queries.js';
import { customerMessagesQuery } from './schema.js';

type MessageRow = Awaited<ReturnType<typeof listCustomerMessages>>[number];

/** Account links (activation, password reset) are the customer's alone: staff see them without their token. */
function withoutAccountTokens(body: string): string {
  return redactTokens(body);
}

function presentMessage(row: MessageRow, forStaff: boolean) {
  return {
    id: row.id,
    case: row.case_id ? { id: row.case_id, reference: row.case_reference } : null,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    body: forStaff ? withoutAccountTokens(row.body) : row.body,
    kind: row.kind,
    status: row.status,
    sentAt: row.sent_at,
    createdAt: row.created_at,
    // Delivery trouble is for staff to act on; the customer sees what reached them.
    ...(forStaff ? { attempts: row.attempts, lastError: row.last_error } : {}),
  };
}

export function registerOutboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/outbox/messages',
    summary: "A customer's messages, newest first: staff see every status, subscribers the ones sent to them",
    tags: ['outbox'],
    query: customerMessagesQuery,
    responses: {
      200: 'A page of messages',
      400: 'Invalid query',
      401: 'Not logged in',
      403: 'Role not allowed',
      404: 'No such customer visible to you',
    },
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'message:read');
      if (!(await customerVisible(ctx.db, query.customerId, customerScopeFor(user)))) throw notFound('Customer');
      const forStaff = user.role !== 'subscriber';
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await listCustomerMessages(ctx.db, {
        customerId: query.customerId,
        onlySent: !forStaff,
        limit: query.limit + 1,
        after,
      });
      if (forStaff) {
        await logCustomerRead(ctx.db, {
          staffUserId: user.id,
          customerId: query.customerId,
          route: 'GET /api/outbox/messages',
          requestId: request.id,
        });
      }
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => presentMessage(row, forStaff)),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
      };
    },
  });
}
