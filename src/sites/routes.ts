import type { FastifyInstance } from 'fastify';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { defineRoute } from '../platform/http/route.js';
import { listSitesWithStaff } from './queries.js';

export function registerSiteRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/sites',
    summary: 'Call centres, vendor sites and shops, with their seats and staff (staff)',
    tags: ['sites'],
    handler: async ({ request }) => {
      requireAccess(request, 'site:list');
      const items = await listSitesWithStaff(ctx.db, 'kind');
      return { items };
    },
  });
}
