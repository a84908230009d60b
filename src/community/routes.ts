/** Community routes: events (public list, registration, waiting list, check-in); ideas and groups register theirs. */
import type { FastifyInstance } from 'fastify';
import { logCustomerRead } from '../audit/queries.js';
import { invalidField } from '../cases/errors.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { decodeCursor, encodeCursor } from '../platform/http/cursor.js';
import { notFound } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { customerFor } from '../shops/appointments.js';
import { findShopByCode } from '../shops/queries.js';
import {
  type EventView,
  customerRegistrations,
  findEvent,
  insertEvent,
  registrationsOf,
  upcomingEvents,
} from './event-queries.js';
import { cancelRegistration, checkIn, registerForEvent } from './events.js';
import { registerGroupRoutes } from './group-routes.js';
import { registerIdeaRoutes } from './idea-routes.js';
import { checkInBody, idParams, newEventBody, publicEventsQuery, registrationBody } from './schema.js';

function presentEvent(row: EventView) {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    category: row.category,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    place: row.shop_code ? { shopCode: row.shop_code, name: row.shop_name, city: row.shop_city } : null,
    capacity: row.capacity,
    registered: row.registered_count,
    seatsLeft: row.capacity - row.registered_count,
    waitlisted: Number(row.waitlisted_count ?? 0),
    cancelled: row.cancelled_at !== null,
  };
}

export function registerCommunityRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/public/events',
    summary: 'Upcoming events, for everyone (no login): seats left and waiting list length',
    tags: ['community'],
    config: { skipAuth: true },
    query: publicEventsQuery,
    handler: async ({ query }) => {
      const after = decodeCursor(query.cursor, 2) as [string, string] | null;
      const rows = await upcomingEvents(ctx.db, { now: ctx.clock.now(), limit: query.limit + 1, after });
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map(presentEvent),
        nextCursor: rows.length > query.limit && last ? encodeCursor([last.starts_at.toISOString(), last.id]) : null,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/public/events/:id',
    summary: 'One event, for everyone (no login)',
    tags: ['community'],
    config: { skipAuth: true },
    params: idParams,
    handler: async ({ params }) => {
      const row = await findEvent(ctx.db, params.id);
      if (!row) throw notFound('Event');
      return presentEvent(row);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/events',
    summary: 'Create an event with its capacity',
    tags: ['community'],
    body: newEventBody,
    responses: { 201: 'The event', 400: 'Invalid request (the field is named)' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'event:manage');
      const now = ctx.clock.now();
      if (body.startsAt.getTime() <= now.getTime()) throw invalidField('body.startsAt', 'must be in the future');
      let siteId: string | null = null;
      if (body.shopCode) {
        const shop = await findShopByCode(ctx.db, body.shopCode);
        if (!shop) throw invalidField('body.shopCode', 'is not a shop');
        siteId = shop.id;
      }
      const { id } = await insertEvent(ctx.db, {
        site_id: siteId,
        title: body.title,
        description: body.description ?? '',
        category: body.category,
        starts_at: body.startsAt,
        ends_at: body.endsAt,
        capacity: body.capacity,
        cancelled_at: null,
        created_by_user_id: user.id,
        created_at: now,
      });
      const row = await findEvent(ctx.db, id);
      if (!row) throw notFound('Event');
      reply.code(201).header('location', `/api/public/events/${id}`);
      return presentEvent(row);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/events/:id/registrations',
    summary: 'Register for an event: a seat if one is left, else a place on the waiting list',
    tags: ['community'],
    params: idParams,
    body: registrationBody.optional(),
    responses: {
      201: 'Registered or waitlisted',
      200: 'Already registered (unchanged)',
      409: 'Event cancelled or started',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'event:register');
      const customerId = await customerFor(ctx, user, body?.customerId);
      const outcome = await registerForEvent(ctx, { eventId: params.id, customerId });
      reply.code(outcome.created ? 201 : 200);
      return {
        id: outcome.id,
        eventId: params.id,
        customerId,
        status: outcome.status,
        waitlistPosition: outcome.waitlistPosition,
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/events/:id/registrations/cancel',
    summary: 'Cancel a registration; a freed seat goes to the first on the waiting list, who is told',
    tags: ['community'],
    params: idParams,
    body: registrationBody.optional(),
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'event:register');
      const customerId = await customerFor(ctx, user, body?.customerId);
      const result = await cancelRegistration(ctx, { eventId: params.id, customerId });
      return {
        eventId: params.id,
        customerId,
        status: 'cancelled',
        promotedCustomerId: user.role === 'subscriber' ? null : result.promotedCustomerId,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/events/registrations',
    summary: "A member's registrations to upcoming events, with their place on waiting lists",
    tags: ['community'],
    query: registrationBody,
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'event:register');
      const customerId = await customerFor(ctx, user, query.customerId, 'query.customerId');
      const rows = await customerRegistrations(ctx.db, customerId, ctx.clock.now());
      return {
        items: rows.map((row) => ({
          id: row.id,
          eventId: row.event_id,
          title: row.title,
          startsAt: row.starts_at.toISOString(),
          status: row.status,
          checkedIn: row.checked_in_at !== null,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/events/:id/registrations',
    summary: 'Staff: who is registered and who waits, in order (for the door)',
    tags: ['community'],
    params: idParams,
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'event:manage');
      const event = await findEvent(ctx.db, params.id);
      if (!event) throw notFound('Event');
      const rows = await registrationsOf(ctx.db, params.id);
      for (const row of rows) {
        await logCustomerRead(ctx.db, {
          staffUserId: user.id,
          customerId: row.customer_id,
          route: 'GET /api/events/:id/registrations',
          requestId: request.id,
        });
      }
      const present = (row: (typeof rows)[number]) => ({
        id: row.id,
        customer: {
          id: row.customer_id,
          reference: row.reference,
          name: `${row.civility} ${row.first_name} ${row.last_name}`,
        },
        queuedAt: row.queued_at.toISOString(),
        promotedAt: row.promoted_at?.toISOString() ?? null,
        checkedInAt: row.checked_in_at?.toISOString() ?? null,
      });
      return {
        event: presentEvent(event),
        registered: rows.filter((row) => row.status === 'registered').map(present),
        waitingList: rows.filter((row) => row.status === 'waitlisted').map(present),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/events/:id/check-in',
    summary: 'Check a registered member in at the door',
    tags: ['community'],
    params: idParams,
    body: checkInBody,
    handler: async ({ request, params, body }) => {
      requireAccess(request, 'event:manage');
      const result = await checkIn(ctx, { eventId: params.id, customerId: body.customerId });
      return { registrationId: result.registrationId, checkedInAt: result.checkedInAt.toISOString() };
    },
  });

  registerIdeaRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
}
