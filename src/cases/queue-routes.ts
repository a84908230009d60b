/** The supervisors' queue of promises at risk, broken promises and overdue written complaints. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { defineRoute } from '../platform/http/route.js';
import { type OpenPromiseFacts, delayUsed, escalationReason } from './escalation.js';
import { listEscalationCandidates, listOpenWrittenComplaints, listOwnedCases, listPromises } from './file-queries.js';
import { mediationDates } from './mediation.js';
import { presentCaseSummary } from './present.js';
import { pageQuery } from './schema.js';

const atRiskQuery = z
  .object({
    /** At most this many entries, most urgent (soonest due) first */
    limit: z.coerce
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(200, 'must be at most 200')
      .default(50),
  })
  .strict();

/** Candidates read per request: the queue is a working list, not a report. */
const CANDIDATE_LIMIT = 2000;
const LOOKAHEAD_DAYS = 7;

export function registerQueueRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/queues/at-risk',
    summary: 'Promises at risk (≥ 80 % of the delay used), broken promises, written complaints past their deadline',
    tags: ['cases'],
    query: atRiskQuery,
    responses: { 200: 'The queue, most urgent first', 401: 'Not logged in', 403: 'Role not allowed' },
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'case:queue');
      const now = ctx.clock.now();
      const rows = await listEscalationCandidates(ctx.db, {
        now,
        lookaheadDays: LOOKAHEAD_DAYS,
        scope: customerScopeFor(user),
        limit: CANDIDATE_LIMIT,
      });
      const items = [];
      for (const row of rows) {
        const facts: OpenPromiseFacts = {
          caseType: row.type,
          kind: row.promise_kind,
          startsAt: row.promise_starts_at,
          dueAt: row.promise_due_at,
          dueDate: row.promise_due_date,
        };
        const reason = escalationReason(facts, now);
        if (!reason) continue;
        const { currentPromise: _, ...summary } = presentCaseSummary(row, [], now);
        items.push({
          reason,
          promise: {
            id: row.promise_id,
            kind: facts.kind,
            dueAt: facts.dueAt,
            dueDate: facts.dueDate,
            delayUsed: delayUsed(facts, now),
          },
          case: summary,
        });
        if (items.length >= query.limit) break;
      }
      return { items };
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/queues/written-complaints',
    summary: 'Unfinished written complaints, nearest reply deadline first, with the mediation dates',
    tags: ['cases'],
    query: pageQuery,
    responses: { 200: 'A page of complaints', 401: 'Not logged in', 403: 'Role not allowed' },
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'case:queue');
      const now = ctx.clock.now();
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await listOpenWrittenComplaints(ctx.db, {
        scope: customerScopeFor(user),
        limit: query.limit + 1,
        after,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => {
          const { currentPromise: _, ...summary } = presentCaseSummary(row, [], now);
          const reply =
            row.reply_id && row.reply_starts_at && row.reply_due_at && row.reply_due_date
              ? {
                  caseType: row.type,
                  kind: 'written_reply' as const,
                  startsAt: row.reply_starts_at,
                  dueAt: row.reply_due_at,
                  dueDate: row.reply_due_date,
                }
              : null;
          return {
            case: summary,
            reply: reply
              ? {
                  id: row.reply_id,
                  dueAt: reply.dueAt,
                  dueDate: reply.dueDate,
                  delayUsed: delayUsed(reply, now),
                  escalation: escalationReason(reply, now),
                }
              : null,
            mediation: mediationDates(row.opened_at),
          };
        }),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor([last.reply_due_at ? last.reply_due_at.toISOString() : 'infinity', last.id])
            : null,
      };
    },
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/mine',
    summary: 'My unfinished cases (owned or routed to me), the nearest promise first',
    tags: ['cases'],
    query: pageQuery,
    responses: { 200: 'A page of cases', 401: 'Not logged in', 403: 'Role not allowed' },
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'case:write');
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await listOwnedCases(ctx.db, { userId: user.id, limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      const promises = await listPromises(
        ctx.db,
        page.map((row) => row.id),
      );
      const now = ctx.clock.now();
      const last = page.at(-1);
      return {
        items: page.map((row) =>
          presentCaseSummary(
            row,
            promises.filter((promise) => promise.case_id === row.id),
            now,
          ),
        ),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor([
                Number.isFinite(new Date(last.next_due_at).getTime())
                  ? new Date(last.next_due_at).toISOString()
                  : 'infinity',
                last.id,
              ])
            : null,
      };
    },
  });
}
