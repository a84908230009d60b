/** Working groups: community staff open a group on a question; members join; notes of each meeting. */
import type { FastifyInstance } from 'fastify';
import { logStaffReads } from '../audit/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import { requireAccess } from '../identity/auth.js';
import { roleHas } from '../identity/roles.js';
import type { AppContext } from '../platform/http/context.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { customerFor } from '../shops/appointments.js';
import {
  addMember,
  findGroup,
  groupMembers,
  groupNotes,
  insertGroup,
  insertNote,
  listGroups,
} from './group-queries.js';
import { idParams, memberBody, newGroupBody, noteBody } from './schema.js';

export function registerGroupRoutes(app: FastifyInstance, ctx: AppContext): void {
  const groupOr404 = async (id: string) => {
    const row = await findGroup(ctx.db, id);
    if (!row) throw notFound('Working group');
    return row;
  };

  defineRoute(app, {
    method: 'GET',
    url: '/api/working-groups',
    summary: 'Working groups with their question and number of members',
    tags: ['community'],
    handler: async ({ request }) => {
      const user = requireAccess(request, 'idea:read');
      const rows = await listGroups(ctx.db, user.customerId);
      return {
        items: rows.map((row) => ({
          id: row.id,
          name: row.name,
          question: row.question,
          members: Number(row.members ?? 0),
          joinedByYou: Boolean(row.joined),
          createdAt: row.created_at.toISOString(),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/working-groups',
    summary: 'Open a working group on a question',
    tags: ['community'],
    body: newGroupBody,
    responses: { 201: 'The group' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'community:moderate');
      const row = await insertGroup(ctx.db, {
        name: body.name,
        question: body.question,
        created_by_user_id: user.id,
        created_at: ctx.clock.now(),
      });
      reply.code(201);
      return { id: row.id, ...body, members: 0 };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/working-groups/:id/members',
    summary: 'Join a working group (or add a member, for staff)',
    tags: ['community'],
    params: idParams,
    body: memberBody.optional(),
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'event:register');
      await groupOr404(params.id);
      const customerId = await customerFor(ctx, user, body?.customerId);
      await addMember(ctx.db, params.id, customerId, ctx.clock.now());
      return { groupId: params.id, customerId, member: true };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/working-groups/:id',
    summary:
      'A working group with its meeting notes, newest first; for community staff, also its members by name (those their scope covers)',
    tags: ['community'],
    params: idParams,
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'idea:read');
      const group = await groupOr404(params.id);
      const notes = await groupNotes(ctx.db, params.id);
      const staff = roleHas(user.role, 'community:moderate');
      const members = staff ? await groupMembers(ctx.db, params.id, customerScopeFor(user)) : [];
      if (staff) {
        const ids = members.map((member) => member.id);
        await logStaffReads(ctx.db, user, ids, 'GET /api/working-groups/:id', request.id);
      }
      return {
        id: group.id,
        name: group.name,
        question: group.question,
        ...(staff
          ? {
              members: members.map((member) => ({
                customerId: member.id,
                name: `${member.first_name} ${member.last_name}`,
                joinedAt: member.joined_at.toISOString(),
              })),
            }
          : {}),
        notes: notes.map((note) => ({
          id: note.id,
          metOn: note.met_on,
          notes: note.notes,
          writtenBy: note.display_name,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/working-groups/:id/notes',
    summary: 'Record the notes of a meeting',
    tags: ['community'],
    params: idParams,
    body: noteBody,
    responses: { 201: 'The notes' },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'community:moderate');
      await groupOr404(params.id);
      const row = await insertNote(ctx.db, {
        group_id: params.id,
        met_on: body.metOn,
        notes: body.notes,
        written_by_user_id: user.id,
        created_at: ctx.clock.now(),
      });
      reply.code(201);
      return { id: row.id, metOn: body.metOn, notes: body.notes };
    },
  });
}
