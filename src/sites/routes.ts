import type { FastifyInstance } from 'fastify';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { defineRoute } from '../platform/http/route.js';

export function registerSiteRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/sites',
    summary: 'Call centres, vendor sites and shops, with their seats and staff (staff)',
    tags: ['sites'],
    handler: async ({ request }) => {
      requireAccess(request, 'site:list');
      const items = await ctx.db
        .selectFrom('sites')
        .leftJoin('users', 'users.site_id', 'sites.id')
        .select([
          'sites.id',
          'sites.code',
          'sites.name',
          'sites.kind',
          'sites.vendor_name as vendorName',
          'sites.city',
          'sites.country',
          'sites.timezone',
          'sites.seats',
          (eb) => eb.fn.count<number>('users.id').as('staffCount'),
        ])
        .groupBy('sites.id')
        .orderBy('sites.kind')
        .orderBy('sites.name')
        .execute();
      return { items };
    },
  });
}
