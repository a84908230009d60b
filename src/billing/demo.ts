/**
 * Demo billing, set-based: for the accounts of a seed batch, options and equipment, a year of
 * usage and fees, some third-party charges with a complete consent and some without, then a
 * year of monthly bills from the real bill run. Claire Martin (customer 0) gets the seed 004
 * story: a "Contact+" charge without consent on her last bill and an "Internet+" one, also
 * without consent, waiting for the next — flagged and told to her.
 */
import { type Kysely, sql } from 'kysely';
import { PARIS, addDays, toLocalDate } from '../calendar/index.js';
import type { Database } from '../platform/db/schema.js';
import { customerIdOf } from '../seed/customers.js';
import { runBills } from './bill-run.js';

/** The `count` calendar months before the one containing `now` (Paris), oldest first, as 'YYYY-MM'. */
export function completedMonths(now: Date, count: number): string[] {
  const today = toLocalDate(now, PARIS);
  let year = Number(today.slice(0, 4));
  let month = Number(today.slice(5, 7));
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    months.unshift(`${year}-${String(month).padStart(2, '0')}`);
  }
  return months;
}

const noon = (date: string) => new Date(`${date}T10:00:00Z`);

export async function seedDemoBilling(
  db: Kysely<Database>,
  options: { accountIds: readonly string[]; now: Date; months?: number },
): Promise<void> {
  const months = completedMonths(options.now, options.months ?? 12);
  const first = `${months[0]}-01`;
  const ids = [...options.accountIds];
  if (ids.length === 0) return;

  // Options and equipment rentals.
  await sql`
    insert into billing_recurring_items (customer_id, subscription_id, kind, label, monthly_excl_vat_cents, starts_on)
    select s.customer_id, s.id, 'equipment', 'Décodeur TV 4K', 250, (s.started_at at time zone ${PARIS})::date
      from subscriptions s where s.account_id in (select unnest(${ids}::uuid[])) and s.kind = 'fixed_box' and s.plan <> 'Box Fibre Essentiel'
    union all
    select s.customer_id, s.id, 'option', 'Appels illimités vers l’international', 416, (s.started_at at time zone ${PARIS})::date
      from subscriptions s where s.account_id in (select unnest(${ids}::uuid[])) and s.kind = 'mobile_line'
       and abs(hashtext(s.id::text)) % 4 = 0`.execute(db);

  // Usage beyond the plan (one mobile month in five) and activation fees of the year's new lines.
  await sql`
    insert into billing_ledger_entries (customer_id, account_id, subscription_id, kind, amount_incl_vat_cents, label, details, created_at)
    select s.customer_id, s.account_id, s.id, 'usage', 90 + abs(hashtext(s.id::text || m::text)) % 1400,
           'Hors forfait',
           jsonb_build_object('description', (3 + abs(hashtext(m::text || s.id::text)) % 60)::text || ' min d’appels vers l’étranger'),
           m + interval '14 days 18 hours'
      from subscriptions s
      cross join generate_series(${first}::date, ${`${months.at(-1)}-01`}::date, interval '1 month') as m
     where s.account_id in (select unnest(${ids}::uuid[])) and s.kind = 'mobile_line' and s.status = 'active'
       and abs(hashtext(s.id::text || m::text)) % 5 = 0 and s.started_at < m
    union all
    select s.customer_id, s.account_id, s.id, 'fee', 4800, 'Frais de mise en service', '{}'::jsonb, s.started_at
      from subscriptions s
     where s.account_id in (select unnest(${ids}::uuid[])) and s.started_at >= ${first}::date`.execute(db);

  // Third-party charges over the year: one line in twelve made a confirmed purchase, one in forty
  // was charged without any proof of consent.
  await sql`
    with picked as (
      select s.id as subscription_id, s.customer_id, s.account_id, s.kind, coalesce(s.line_number, s.msisdn) as number,
             abs(hashtext(s.id::text || 'tp')) as h
        from subscriptions s
       where s.account_id in (select unnest(${ids}::uuid[])) and s.status = 'active' and s.customer_id <> ${customerIdOf(0)}
         and (abs(hashtext(s.id::text || 'tp')) % 12 = 0 or abs(hashtext(s.id::text || 'tp')) % 40 = 1)
    ),
    timed as (
      select p.*, p.h % 40 = 1 as without_consent,
             ${first}::date + (p.h % 330) * interval '1 day' + interval '19 hours' + (p.h % 240) * interval '1 minute' as at
        from picked p
    ),
    consents as (
      insert into third_party_consents (customer_id, subscription_id, merchant_code, service_name, first_step_at,
                                        second_step_at, channel, source_line, confirmation_page, recorded_at)
      select customer_id, subscription_id, 'ARCADE', 'Pack jeux Arcade Club', at - interval '50 seconds',
             at - interval '20 seconds', case kind when 'fixed_box' then 'box' else 'mobile' end, number,
             'https://achats.demo.suivi/confirmation', at
        from timed where not without_consent
      returning id, subscription_id
    )
    insert into third_party_charges (customer_id, account_id, subscription_id, merchant_code, merchant_name, service_name,
                                     charge_type, external_ref, occurred_at, amount_incl_vat_cents, consent_id,
                                     consent_complete, flags, received_at)
    select t.customer_id, t.account_id, t.subscription_id,
           case when t.without_consent then 'CONTACTPLUS' else 'ARCADE' end,
           case when t.without_consent then 'Contact+ Services' else 'Arcade Club' end,
           case when t.without_consent then 'Contact+ annuaire inversé' else 'Pack jeux Arcade Club' end,
           'purchase', 'demo-' || t.subscription_id::text, t.at,
           case when t.without_consent then 899 else 499 end, c.id, not t.without_consent,
           case when t.without_consent then '["no_consent","new_merchant"]'::jsonb else '["new_merchant"]'::jsonb end,
           t.at + interval '1 hour'
      from timed t left join consents c on c.subscription_id = t.subscription_id`.execute(db);

  // Claire Martin's story (seed 004), when her account is in this batch.
  const claire = await db
    .selectFrom('subscriptions')
    .select(['id', 'account_id', 'customer_id', 'kind', 'line_number', 'msisdn'])
    .where('customer_id', '=', customerIdOf(0))
    .where('account_id', 'in', ids)
    .orderBy('reference')
    .execute();
  const box = claire.find((subscription) => subscription.kind === 'fixed_box') ?? claire[0];
  if (box) {
    const lastMonth = months.at(-1) as string;
    const fourMonthsAgo = months.at(-4) as string;
    const consentAt = new Date(`${fourMonthsAgo}-09T19:41:10Z`);
    const consent = await db
      .insertInto('third_party_consents')
      .values({
        customer_id: box.customer_id,
        subscription_id: box.id,
        merchant_code: 'CINEVOD',
        service_name: 'Film « La Chambre verte »',
        first_step_at: consentAt,
        second_step_at: new Date(consentAt.getTime() + 25_000),
        channel: 'box',
        source_ip: null,
        source_line: box.line_number ?? box.msisdn,
        confirmation_page: 'https://achats.demo.suivi/confirmation',
        recorded_at: consentAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const charge = (
      merchant: [string, string, string],
      occurredAt: Date,
      amount: number,
      consentId: string | null,
      flags: string[],
    ) => ({
      customer_id: box.customer_id,
      account_id: box.account_id,
      subscription_id: box.id,
      merchant_code: merchant[0],
      merchant_name: merchant[1],
      service_name: merchant[2],
      charge_type: 'purchase' as const,
      external_ref: `demo-claire-${merchant[0]}-${occurredAt.toISOString()}`,
      occurred_at: occurredAt,
      amount_incl_vat_cents: amount,
      consent_id: consentId,
      consent_complete: consentId !== null,
      flags: JSON.stringify(flags),
      received_at: new Date(occurredAt.getTime() + 3_600_000),
    });
    const today = toLocalDate(options.now, PARIS);
    const thisMonthDay = addDays(`${today.slice(0, 8)}01`, Math.max(0, Math.min(Number(today.slice(8, 10)) - 2, 3)));
    await db
      .insertInto('third_party_charges')
      .values([
        charge(
          ['CINEVOD', 'CinéVOD', 'Film « La Chambre verte »'],
          new Date(consentAt.getTime() + 40_000),
          399,
          consent.id,
          ['new_merchant'],
        ),
        charge(['CONTACTPLUS', 'Contact+ Services', 'Contact+ mise en relation'], noon(`${lastMonth}-12`), 1499, null, [
          'no_consent',
          'new_merchant',
        ]),
        charge(
          ['INTERNETPLUS', 'Internet+ Média', 'Internet+ abonnement presse'],
          new Date(Math.min(new Date(`${thisMonthDay}T20:14:00Z`).getTime(), options.now.getTime() - 7_200_000)),
          999,
          null,
          ['no_consent', 'new_merchant'],
        ),
      ])
      .execute();
  }

  for (const month of months) {
    const issuedAt = new Date(`${addDays(`${month}-28`, 6).slice(0, 8)}01T03:00:00Z`);
    await runBills(db, { month, issuedAt, accountIds: ids });
  }
}
