/** Ideas-board routes: propose, list, vote, comment, statuses, moderation and abuse reports. */
import type { FastifyInstance } from 'fastify';
import { requireAccess } from '../identity/auth.js';
import type { AuthUser } from '../identity/queries.js';
import { roleHas } from '../identity/roles.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { conflict, notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { invalidField } from '../cases/errors.js';
import {
  type IdeaView,
  commentsOf,
  findComment,
  findIdea,
  hideComment,
  insertComment,
  insertReport,
  listIdeas,
  openReports,
  resolveReports,
  statusChanges,
  updateIdea,
} from './idea-queries.js';
import { proposeIdea, setIdeaStatus, vote } from './ideas.js';
import { ideaStatusLabels } from './messages.js';
import {
  commentBody,
  commentParams,
  hideBody,
  ideaStatusBody,
  ideasQuery,
  idParams,
  newIdeaBody,
  reportBody,
} from './schema.js';

const isModerator = (user: AuthUser) => roleHas(user.role, 'community:moderate');

/** Authors are shown by first name and initial: the board is public to every member. */
function presentIdea(row: IdeaView, user: AuthUser) {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    author: {
      name: `${row.author_first_name} ${row.author_last_name.slice(0, 1)}.`,
      isYou: row.author_customer_id === user.customerId,
    },
    status: row.status,
    statusLabel: ideaStatusLabels[row.status],
    statusReason: row.status_reason,
    voteCount: row.vote_count,
    votedByYou: Boolean(row.voted),
    commentCount: Number(row.comment_count ?? 0),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    ...(isModerator(user) ? { hidden: row.hidden_at !== null, hiddenReason: row.hidden_reason } : {}),
  };
}

export function registerIdeaRoutes(app: FastifyInstance, ctx: AppContext): void {
  const visibleIdea = async (user: AuthUser, id: string) => {
    const row = await findIdea(ctx.db, id, user.customerId);
    if (!row || (row.hidden_at && !isModerator(user))) throw notFound('Idea');
    return row;
  };

  defineRoute(app, {
    method: 'GET',
    url: '/api/ideas',
    summary: 'The ideas board, most voted (or newest) first',
    tags: ['community'],
    query: ideasQuery,
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'idea:read');
      const after = decodeCursor(query.cursor, 3);
      const rows = await listIdeas(ctx.db, {
        viewerCustomerId: user.customerId,
        status: query.status,
        includeHidden: isModerator(user),
        sort: query.sort,
        limit: query.limit + 1,
        after,
      });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((row) => presentIdea(row, user)),
        nextCursor:
          rows.length > query.limit && last
            ? encodeCursor([last.vote_count, last.created_at.toISOString(), last.id])
            : null,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/ideas',
    summary: 'Propose an idea for the next box or the service',
    tags: ['community'],
    body: newIdeaBody,
    responses: { 201: 'The idea', 403: 'Only members propose' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'idea:participate');
      const id = await proposeIdea(ctx, user, body);
      reply.code(201).header('location', `/api/ideas/${id}`);
      return presentIdea(await visibleIdea(user, id), user);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/ideas/:id',
    summary: 'One idea with its comments and the history of its status',
    tags: ['community'],
    params: idParams,
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'idea:read');
      const row = await visibleIdea(user, params.id);
      const [comments, history] = await Promise.all([
        commentsOf(ctx.db, params.id, isModerator(user)),
        statusChanges(ctx.db, params.id),
      ]);
      return {
        ...presentIdea(row, user),
        comments: comments.map((comment) => ({
          id: comment.id,
          body: comment.body,
          author: comment.author_customer_id
            ? { name: `${comment.first_name} ${comment.last_name?.slice(0, 1)}.`, staff: false }
            : { name: `${comment.staff_name?.split(' ')[0]} (${comment.staff_code ?? 'Suivi'})`, staff: true },
          createdAt: comment.created_at.toISOString(),
          ...(isModerator(user) ? { hidden: comment.hidden_at !== null } : {}),
        })),
        statusHistory: history.map((entry) => ({
          from: entry.from_status,
          to: entry.to_status,
          label: ideaStatusLabels[entry.to_status],
          reason: entry.reason,
          at: entry.at.toISOString(),
        })),
      };
    },
  });

  for (const [method, on] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    defineRoute(app, {
      method,
      url: '/api/ideas/:id/vote',
      summary: on ? 'Vote for an idea (once; voting again changes nothing)' : 'Withdraw your vote',
      tags: ['community'],
      params: idParams,
      handler: async ({ request, params }) => {
        const user = requireAccess(request, 'idea:participate');
        return vote(ctx, user, params.id, on);
      },
    });
  }

  defineRoute(app, {
    method: 'POST',
    url: '/api/ideas/:id/comments',
    summary: 'Comment on an idea',
    tags: ['community'],
    params: idParams,
    body: commentBody,
    responses: { 201: 'The comment' },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'idea:participate');
      await visibleIdea(user, params.id);
      const row = await insertComment(ctx.db, {
        idea_id: params.id,
        author_customer_id: user.role === 'subscriber' ? user.customerId : null,
        author_user_id: user.role === 'subscriber' ? null : user.id,
        body: body.body,
        hidden_at: null,
        hidden_by_user_id: null,
        created_at: ctx.clock.now(),
      });
      reply.code(201);
      return { id: row.id, body: body.body };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/ideas/:id/status',
    summary: 'Staff: set the status (under study, planned, released, declined with a reason); the author is told',
    tags: ['community'],
    params: idParams,
    body: ideaStatusBody,
    responses: { 200: 'The idea', 409: 'Status change not allowed from the current status' },
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'community:moderate');
      await setIdeaStatus(ctx, user, params.id, body);
      return presentIdea(await visibleIdea(user, params.id), user);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/ideas/:id/hide',
    summary: 'Moderation: hide an idea; open reports on it are closed',
    tags: ['community'],
    params: idParams,
    body: hideBody,
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'community:moderate');
      const now = ctx.clock.now();
      await visibleIdea(user, params.id);
      await ctx.db.transaction().execute(async (trx) => {
        await updateIdea(trx, params.id, { hidden_at: now, hidden_by_user_id: user.id, hidden_reason: body.reason });
        await resolveReports(
          trx,
          { ideaId: params.id, commentId: null },
          { resolved_at: now, resolved_by_user_id: user.id, resolution: 'hidden' },
        );
      });
      return presentIdea(await visibleIdea(user, params.id), user);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/ideas/:id/comments/:commentId/hide',
    summary: 'Moderation: hide a comment; open reports on it are closed',
    tags: ['community'],
    params: commentParams,
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'community:moderate');
      const now = ctx.clock.now();
      await ctx.db.transaction().execute(async (trx) => {
        if (!(await hideComment(trx, params.id, params.commentId, user.id, now))) throw notFound('Comment');
        await resolveReports(
          trx,
          { ideaId: params.id, commentId: params.commentId },
          { resolved_at: now, resolved_by_user_id: user.id, resolution: 'hidden' },
        );
      });
      return { id: params.commentId, hidden: true };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/ideas/:id/reports',
    summary: 'Report an idea or a comment as abusive (once per person)',
    tags: ['community'],
    params: idParams,
    body: reportBody,
    responses: { 201: 'Reported', 200: 'Already reported by you' },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'idea:participate');
      await visibleIdea(user, params.id);
      if (body.commentId && !(await findComment(ctx.db, params.id, body.commentId))) {
        throw invalidField('body.commentId', 'is not a comment of this idea');
      }
      const row = await insertReport(ctx.db, {
        idea_id: params.id,
        comment_id: body.commentId ?? null,
        reporter_user_id: user.id,
        reason: body.reason,
        created_at: ctx.clock.now(),
        resolved_at: null,
        resolved_by_user_id: null,
        resolution: null,
      });
      reply.code(row ? 201 : 200);
      return { reported: true };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/ideas/reports',
    summary: 'Moderation: open abuse reports, oldest first',
    tags: ['community'],
    handler: async ({ request }) => {
      requireAccess(request, 'community:moderate');
      const rows = await openReports(ctx.db);
      return {
        items: rows.map((row) => ({
          id: row.id,
          idea: { id: row.idea_id, title: row.title, body: row.idea_body },
          comment: row.comment_id ? { id: row.comment_id, body: row.comment_body } : null,
          reason: row.reason,
          reportedAt: row.created_at.toISOString(),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/ideas/reports/:id/dismiss',
    summary: 'Moderation: dismiss a report (the content stays visible)',
    tags: ['community'],
    params: idParams,
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'community:moderate');
      const closed = await resolveReports(
        ctx.db,
        { reportId: params.id },
        { resolved_at: ctx.clock.now(), resolved_by_user_id: user.id, resolution: 'dismissed' },
      );
      if (closed === 0) throw conflict('This report is unknown or already closed.');
      return { id: params.id, resolution: 'dismissed' };
    },
  });
}
