/** The director's quality-of-service report: thin — validate, check access, read counts, compute. */
import type { FastifyInstance } from 'fastify';
import { repeatContact } from '../cases/policy.js';
import { invalidField } from '../cases/errors.js';
import { requireAccess } from '../identity/auth.js';
import type { AppContext } from '../platform/http/context.js';
import { forbidden } from '../platform/http/problem.js';
import { defineRoute } from '../platform/http/route.js';
import { periodBounds, qualityReport, resolvePeriod } from './indicators.js';
import { activeCustomersBySite, complaintsBySite, contactGroups, listSites, promiseGroups } from './queries.js';
import { qualityQuery } from './schema.js';

export function registerQualityRoutes(app: FastifyInstance, ctx: AppContext): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/quality',
    summary: 'Quality of service over a period of Paris days: overall, per site, per vendor and per day',
    tags: ['quality'],
    query: qualityQuery,
    responses: {
      200: [
        'The report. Definitions (period = from 00:00 to 23:59:59.999 Paris time, both days included):',
        '• promisesKeptPercent — promises due in the period, kept ÷ (kept + broken). A promise still open after',
        '  its due time counts as broken; superseded promises are left out (their replacement counts); open',
        '  promises not yet due are pending. By the case’s site; byDay by the Paris due day.',
        '• repeatContactPercent — cases with an inbound contact in the period, share where such a contact',
        '  followed another inbound contact on the same case within 7 days (the rule that flags a case).',
        '• complaintsAnsweredInTimePercent — reply promises (written_reply) of written complaints due in the',
        '  period, kept ÷ (kept + broken), same rules as promises.',
        '• complaintsPer100kCustomers — written complaints opened in the period ÷ active customers × 100,000',
        '  (the regulator’s unit). Active: a subscription in service at some time in the period. Per site',
        '  both counts go by the customer’s serving site, so that the ratio compares like with like.',
        '• contactsPerCase — inbound contacts in the period ÷ cases with an inbound contact in it.',
        'Percentages have one decimal and are null when nothing fell due.',
      ].join('\n'),
      400: 'Invalid period (the field is named): from after to, or more than 366 days',
      401: 'Not logged in',
      403: 'Role not allowed, or staff of a vendor site',
    },
    handler: async ({ request, query }) => {
      const user = requireAccess(request, 'quality:read');
      // Vendors are compared here with each other and with in-house sites: their staff never see it.
      if (user.site?.kind === 'vendor') throw forbidden('Quality figures are not shown to vendor sites.');
      const now = ctx.clock.now();
      const resolved = resolvePeriod(query, now);
      if ('field' in resolved) throw invalidField(`query.${resolved.field}`, resolved.message);
      const bounds = periodBounds(resolved.period);
      const [sites, promises, contacts, complaints, activeCustomers] = await Promise.all([
        listSites(ctx.db),
        promiseGroups(ctx.db, bounds, now),
        contactGroups(ctx.db, bounds, repeatContact.windowDays),
        complaintsBySite(ctx.db, bounds),
        activeCustomersBySite(ctx.db, bounds),
      ]);
      return qualityReport({ period: resolved.period, sites, promises, contacts, complaints, activeCustomers });
    },
  });
}
