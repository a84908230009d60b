/**
 * Demo stories, so the first start shows Suivi at work: Claire Martin's line move promised in
 * ten business days and now overdue, with her repeated calls and her letter to the complaints
 * service (seed 001); a disputed "Internet+" charge handled at a vendor site (seed 004); and a
 * spread of everyday cases. Dates are relative to the day of seeding, so the demo is always live.
 */
import type { Kysely } from 'kysely';
import { openCase } from '../cases/open-case.js';
import { recordInteraction } from '../cases/record-interaction.js';
import { findUserById, toAuthUser } from '../identity/queries.js';
import { fixedClock } from '../platform/clock.js';
import { loadConfig } from '../platform/config.js';
import type { Database } from '../platform/db/schema.js';
import { customerIdOf } from './customers.js';
import { pick, seededRandom, stableUuid } from './random.js';

const DAY = 86_400_000;

interface Story {
  customerIndex: number;
  by: string;
  daysAgo: number;
  type: 'line_move' | 'fault_repair' | 'number_porting' | 'billing_dispute' | 'written_complaint' | 'general_request';
  channel: 'phone_in' | 'letter' | 'portal' | 'email' | 'shop_visit';
  summary: string;
  contacts?: Array<{ daysAgo: number; by: string; summary: string }>;
}

const stories: Story[] = [
  {
    customerIndex: 0,
    by: 'advisor@demo.suivi',
    daysAgo: 27,
    type: 'line_move',
    channel: 'phone_in',
    summary:
      'Déménagement de la ligne fixe au 12 rue Stanislas, Nancy ; mise en service annoncée sous 10 jours ouvrés.',
    contacts: [
      {
        daysAgo: 9,
        by: 'advisor@demo.suivi',
        summary: 'La cliente rappelle : toujours pas de connexion, le technicien n’est pas passé.',
      },
      {
        daysAgo: 5,
        by: 'advisor@demo.suivi',
        summary: 'Troisième appel : la cliente demande un responsable et une date ferme.',
      },
    ],
  },
  {
    customerIndex: 0,
    by: 'complaints@demo.suivi',
    daysAgo: 3,
    type: 'written_complaint',
    channel: 'letter',
    summary: 'Lettre de réclamation : déménagement non effectué plus de trois semaines après la date promise.',
  },
];

const everyday: Array<Pick<Story, 'type' | 'channel' | 'summary'>> = [
  { type: 'fault_repair', channel: 'phone_in', summary: 'Box sans synchronisation depuis l’orage, voyant rouge.' },
  { type: 'number_porting', channel: 'shop_visit', summary: 'Portabilité du numéro mobile depuis un autre opérateur.' },
  {
    type: 'billing_dispute',
    channel: 'portal',
    summary: 'Charge « Internet+ » inconnue sur la facture, non souscrite.',
  },
  { type: 'general_request', channel: 'email', summary: 'Demande de duplicata de facture pour la CAF.' },
  { type: 'fault_repair', channel: 'phone_in', summary: 'Débit très faible le soir, coupures fréquentes.' },
];

export async function seedDemoCases(trx: Kysely<Database>, now: Date, customers: number): Promise<void> {
  const config = loadConfig({});
  const users = new Map<string, Awaited<ReturnType<typeof toAuthUser>>>();
  const userByEmail = async (email: string) => {
    const cached = users.get(email);
    if (cached) return cached;
    const row = await findUserById(trx, stableUuid(`user:${email}`));
    if (!row) throw new Error(`demo user ${email} is missing`);
    const user = toAuthUser(row);
    users.set(email, user);
    return user;
  };
  const random = seededRandom(1_001);
  const advisors = ['advisor@demo.suivi', 'supervisor@demo.suivi', 'shop@demo.suivi', 'complaints@demo.suivi'];
  const generated: Story[] = Array.from({ length: Math.min(40, Math.max(0, customers - 1)) }, (_, index) => {
    const story = pick(random, everyday);
    return {
      ...story,
      customerIndex: 1 + index + Math.floor(random() * (customers - 1 - index)),
      by: pick(random, advisors),
      daysAgo: 1 + Math.floor(random() * 20),
    };
  });

  for (const story of [...stories, ...generated]) {
    const clock = fixedClock(new Date(now.getTime() - story.daysAgo * DAY));
    const ctx = { db: trx, clock, config };
    const opener = await userByEmail(story.by);
    const customerId = customerIdOf(story.customerIndex);
    const caseId = await openCase(ctx, opener, {
      customerId,
      type: story.type,
      channel: story.channel,
      summary: story.summary,
    });
    for (const contact of story.contacts ?? []) {
      clock.set(new Date(now.getTime() - contact.daysAgo * DAY));
      await recordInteraction({ db: trx, clock, config }, await userByEmail(contact.by), {
        caseId,
        body: { channel: 'phone_in', direction: 'inbound', summary: contact.summary },
        idempotencyKey: null,
      });
    }
  }
}
