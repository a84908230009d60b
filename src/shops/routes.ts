/** Shop routes: locations and hours, free slots, booking, the day's agenda, stock and device swaps. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { logCustomerRead } from '../audit/queries.js';
import { invalidField } from '../cases/errors.js';
import { PARIS, addDays, startOfLocalDay, toLocalDate } from '../calendar/index.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { idempotencyKeyOf } from '../platform/http/idempotency-key.js';
import { notFound } from '../platform/http/problem.js';
import { shopOr404, shopWhereUserWorks } from './access.js';
import { defineRoute } from '../platform/http/route.js';
import { bookAppointment, cancelAppointment, customerFor, hoursOf, setOutcome } from './appointments.js';
import { slotsOn } from './hours.js';
import { presentAppointment, presentShop, presentSlot } from './present.js';
import {
  agendaOf,
  customerAppointments,
  deviceHistory,
  findAppointment,
  findSwapView,
  insertDevices,
  insertMovements,
  listDevicesAtShop,
  listShops,
  shopStaff,
  stockByModel,
  takenStarts,
} from './queries.js';
import {
  agendaQuery,
  bookAppointmentBody,
  customerAppointmentsQuery,
  idParams,
  oneOf,
  receiveStockBody,
  shopCodeParams,
  slotsQuery,
  swapBody,
} from './schema.js';
import { swapDevice } from './swap.js';
import { registerLoanRoutes } from './loan-routes.js';
import { registerSignUpRoutes } from './sign-up-routes.js';

export function registerShopRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/shops',
    summary: 'Shops with their address and opening hours',
    tags: ['shops'],
    handler: async ({ request }) => {
      requireAccess(request, 'shop:read');
      return { items: (await listShops(ctx.db)).map(presentShop) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/shops/:code',
    summary: 'One shop: hours; for its staff also the team and the stock by model',
    tags: ['shops'],
    params: shopCodeParams,
    responses: { 200: 'The shop', 404: 'No such shop' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'shop:read');
      const shop = await shopOr404(ctx.db, params.code);
      const staffView = ['shop_staff', 'supervisor', 'admin'].includes(user.role);
      if (!staffView) return presentShop(shop);
      const [staff, stock] = await Promise.all([shopStaff(ctx.db, shop.id), stockByModel(ctx.db, shop.id)]);
      return { ...presentShop(shop), staff, stock };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/shops/:code/slots',
    summary: "A day's appointment slots inside opening hours, each free or taken",
    tags: ['shops'],
    params: shopCodeParams,
    query: slotsQuery,
    responses: { 200: 'The slots (empty on a closed day)', 404: 'No such shop' },
    handler: async ({ request, params, query }) => {
      requireAccess(request, 'shop:read');
      const shop = await shopOr404(ctx.db, params.code);
      const now = ctx.clock.now();
      const slots = slotsOn(hoursOf(shop), query.date).filter((slot) => slot.startsAt.getTime() > now.getTime());
      const taken = await takenStarts(
        ctx.db,
        shop.id,
        startOfLocalDay(query.date, shop.timezone),
        startOfLocalDay(addDays(query.date, 1), shop.timezone),
      );
      return {
        date: query.date,
        items: slots.map((slot) => presentSlot(slot, !taken.has(slot.startsAt.getTime()))),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/appointments',
    summary: 'Book a shop visit in a free slot; the reminder goes by the customer’s preferred channel',
    tags: ['shops'],
    body: bookAppointmentBody,
    responses: { 201: 'The appointment', 400: 'Invalid request (the field is named)', 409: 'The slot is taken' },
    handler: async ({ request, reply, body }) => {
      const user = requireAccess(request, 'shop:book');
      const id = await bookAppointment(ctx, user, body);
      const row = await findAppointment(ctx.db, id);
      if (!row) throw notFound('Appointment');
      reply.code(201).header('location', `/api/appointments/${id}`);
      return presentAppointment(row);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/appointments',
    summary: "A customer's shop appointments, newest first",
    tags: ['shops'],
    query: customerAppointmentsQuery,
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'shop:book');
      const customerId = await customerFor(ctx, user, query.customerId, 'query.customerId');
      if (user.role !== 'subscriber') {
        await logCustomerRead(ctx.db, {
          staffUserId: user.id,
          customerId,
          route: 'GET /api/appointments',
          requestId: request.id,
        });
      }
      return { items: (await customerAppointments(ctx.db, customerId)).map(presentAppointment) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/appointments/:id/cancel',
    summary: 'Cancel an appointment: the slot is free again and the unsent reminder withdrawn',
    tags: ['shops'],
    params: idParams,
    responses: { 200: 'The cancelled appointment', 404: 'No such appointment visible to you', 409: 'Already past' },
    handler: async ({ request, params }) => {
      const user = requireAccess(request, 'shop:book');
      await cancelAppointment(ctx, user, params.id);
      const row = await findAppointment(ctx.db, params.id);
      if (!row) throw notFound('Appointment');
      return presentAppointment(row);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/appointments/:id/outcome',
    summary: 'Shop staff: mark a visit done or the customer absent',
    tags: ['shops'],
    params: idParams,
    body: z.object({ /** How the visit went */ status: oneOf(['done', 'no_show'] as const) }).strict(),
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'shop:agenda');
      await setOutcome(ctx, user.role === 'shop_staff' ? (user.site?.id ?? null) : null, params.id, body.status);
      const row = await findAppointment(ctx.db, params.id);
      if (!row) throw notFound('Appointment');
      return presentAppointment(row);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/shops/:code/agenda',
    summary: "The day's appointments at a shop (today by default, shop's local date)",
    tags: ['shops'],
    params: shopCodeParams,
    query: agendaQuery,
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'shop:agenda');
      const shop = await shopWhereUserWorks(ctx.db, user, params.code);
      const date = query.date ?? toLocalDate(ctx.clock.now(), shop.timezone ?? PARIS);
      const rows = await agendaOf(
        ctx.db,
        shop.id,
        startOfLocalDay(date, shop.timezone),
        startOfLocalDay(addDays(date, 1), shop.timezone),
      );
      for (const customerId of new Set(rows.map((row) => row.customer_id))) {
        await logCustomerRead(ctx.db, {
          staffUserId: user.id,
          customerId,
          route: 'GET /api/shops/:code/agenda',
          requestId: request.id,
        });
      }
      return { date, shop: { code: shop.code, name: shop.name }, items: rows.map(presentAppointment) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/shops/:code/devices',
    summary: 'Devices at a shop: on the shelf, or faulty waiting for repair',
    tags: ['shops'],
    params: shopCodeParams,
    query: z
      .object({
        /** Only devices in this state */ status: oneOf(['in_stock', 'to_repair', 'in_repair'] as const).optional(),
      })
      .strict(),
    handler: async ({ request, params, query }) => {
      const user = requireAccess(request, 'shop:agenda');
      const shop = await shopWhereUserWorks(ctx.db, user, params.code);
      const rows = await listDevicesAtShop(ctx.db, shop.id, query.status ?? null);
      return {
        items: rows.map((row) => ({
          id: row.id,
          model: row.model,
          serial: row.serial,
          status: row.status,
          updatedAt: row.updated_at.toISOString(),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/shops/:code/devices',
    summary: 'Receive devices into the shop’s stock; serials already known are reported, not duplicated',
    tags: ['shops'],
    params: shopCodeParams,
    body: receiveStockBody,
    handler: async ({ request, params, body }) => {
      const user = requireAccess(request, 'shop:swap');
      const shop = await shopWhereUserWorks(ctx.db, user, params.code);
      const now = ctx.clock.now();
      const serials = body.devices.map((device) => device.serial);
      if (new Set(serials).size !== serials.length) {
        throw invalidField('body.devices', 'must not list a serial twice');
      }
      return ctx.db.transaction().execute(async (trx) => {
        const inserted = await insertDevices(
          trx,
          body.devices.map((device) => ({
            ...device,
            status: 'in_stock' as const,
            site_id: shop.id,
            created_at: now,
            updated_at: now,
          })),
        );
        await insertMovements(
          trx,
          inserted.map((row) => ({
            device_id: row.id,
            at: now,
            from_status: null,
            to_status: 'in_stock' as const,
            site_id: shop.id,
            subscription_id: null,
            swap_id: null,
            actor_user_id: user.id,
            note: 'received',
          })),
        );
        const added = new Set(inserted.map((row) => row.serial));
        return { received: inserted.length, alreadyKnown: serials.filter((serial) => !added.has(serial)) };
      });
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/devices/:serial',
    summary: 'Where a unit has been: received, installed, swapped out, sent to repair',
    tags: ['shops'],
    params: z
      .object({
        /** The unit's serial number */ serial: z
          .string()
          .min(3, 'must have at least 3 characters')
          .max(64, 'must have at most 64 characters'),
      })
      .strict(),
    handler: async ({ request, params }) => {
      requireAccess(request, 'shop:agenda');
      const rows = await deviceHistory(ctx.db, params.serial);
      if (rows.length === 0) throw notFound('Device');
      return {
        serial: params.serial,
        movements: rows.map((row) => ({
          at: row.at.toISOString(),
          from: row.from_status,
          to: row.to_status,
          shop: row.site_code,
          subscription: row.subscription_reference,
          swapId: row.swap_id,
          note: row.note,
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/shops/:code/swaps',
    summary:
      'Swap a faulty box for one from the shelf: subscription, stock and case timeline in one step (Idempotency-Key)',
    tags: ['shops'],
    params: shopCodeParams,
    body: swapBody,
    responses: {
      201: 'The swap (also for a replay, with Idempotent-Replayed: true)',
      400: 'Unknown serial (the field is named)',
      409: 'The faulty box is not installed, or the replacement is not on the shelf',
      422: 'Idempotency-Key reused for another swap',
    },
    handler: async ({ request, reply, params, body }) => {
      const user = requireAccess(request, 'shop:swap');
      const shop = await shopWhereUserWorks(ctx.db, user, params.code);
      const result = await swapDevice(ctx, user, { shop, body, idempotencyKey: idempotencyKeyOf(request) });
      const view = await findSwapView(ctx.db, result.swapId);
      reply.code(201);
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return {
        id: view.id,
        customerId: view.customer_id,
        subscription: { id: view.subscription_id, reference: view.subscription_reference },
        case: { id: view.case_id, reference: view.case_reference, status: view.case_status },
        faulty: { serial: view.faulty_serial, model: view.faulty_model, status: view.faulty_status },
        replacement: {
          serial: view.replacement_serial,
          model: view.replacement_model,
          status: view.replacement_status,
        },
        fault: view.fault,
        performedAt: view.performed_at.toISOString(),
      };
    },
  });

  registerLoanRoutes(app, ctx);
  registerSignUpRoutes(app, ctx);
}
