/**
 * Demo data for loyalty and outreach, set-based (INSERT … SELECT over the batch of customers):
 * member accounts with a tier by tenure, two years of quarterly and anniversary points, consents;
 * and, for the stories, seed 003 told with Claire Martin (customer 0): saving for a smartphone at
 * 2,400 points, an increase to 2,900 announced with notice, Claire protected by her goal, sales
 * calls she refused and that Suivi now blocks.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import { customerIdOf } from '../seed/customers.js';
import { stableUuid } from '../seed/random.js';
import { DEFAULT_LOYALTY_POLICY, addMonths, expiryDateFor, planThresholdChange } from './ledger.js';
import { enqueueThresholdNotices, insertThreshold, insertTransaction, protectMembers } from './queries.js';
import { OPERATOR_ACCOUNTS } from './tables.js';

type Db = Kysely<Database>;

const referenceOf = (index: number) => `CL-${String(index + 1).padStart(7, '0')}`;

/** Member accounts, points history and consents for customers [from, to). */
export async function seedDemoLoyalty(trx: Db, from: number, to: number, now: Date): Promise<void> {
  if (to <= from) return;

  const first = referenceOf(from);
  const last = referenceOf(to - 1);
  const batch = sql`(select c.id, substr(c.reference, 4)::int - 1 as idx from customers c
                     where c.reference between ${first} and ${last})`;
  await sql`
    insert into loyalty_accounts (kind, customer_id, household_id, tier, joined_at)
    select 'member', b.id,
           case when b.idx % 20 < 2 then md5('household:' || (b.idx / 20))::uuid end,
           case when s.first_start < ${now}::timestamptz - interval '8 years' then 'or'
                when s.first_start < ${now}::timestamptz - interval '4 years' then 'argent'
                else 'essentiel' end,
           coalesce(least(s.first_start, ${now}::timestamptz), ${now}::timestamptz)
    from ${batch} b
    cross join lateral (select min(started_at) as first_start from subscriptions where customer_id = b.id) s
    on conflict (customer_id) do nothing
  `.execute(trx);

  // Points on the year's paid bills (150–405) and an anniversary bonus, over the last two years.
  const earnings = sql`(
    select b.id as customer_id, a.id as account_id, 'earn_spend' as kind,
           md5(b.id::text || ':spend:' || g.q)::uuid as tx_id,
           ${now}::timestamptz - make_interval(days => g.q * 365 - 20) as at,
           150 + get_byte(decode(md5(b.id::text || g.q::text), 'hex'), 0) as amount,
           'Factures de l''année payées' as description
    from ${batch} b
    join loyalty_accounts a on a.customer_id = b.id
    cross join generate_series(1, 2) g(q)
    where a.joined_at < ${now}::timestamptz - make_interval(days => g.q * 365 - 20)
    union all
    select b.id, a.id, 'earn_tenure', md5(b.id::text || ':tenure:' || g.y)::uuid,
           ${now}::timestamptz - make_interval(days => g.y * 365 - 40),
           50 + 10 * least(10, extract(year from age(${now}::timestamptz, a.joined_at))::int),
           'Anniversaire d''abonnement'
    from ${batch} b
    join loyalty_accounts a on a.customer_id = b.id
    cross join generate_series(1, 2) g(y)
    where a.joined_at < ${now}::timestamptz - make_interval(days => g.y * 365 - 40)
  )`;
  await sql`
    insert into loyalty_transactions (id, kind, customer_id, occurred_at, description, created_at)
    select e.tx_id, e.kind, e.customer_id, e.at, e.description, e.at from ${earnings} e
    on conflict (id) do nothing
  `.execute(trx);
  await sql`
    insert into loyalty_postings (transaction_id, account_id, amount, expires_on)
    select e.tx_id, e.account_id, e.amount,
           ((e.at at time zone 'Europe/Paris')::date + make_interval(months => ${DEFAULT_LOYALTY_POLICY.validityMonths}))::date
    from ${earnings} e
    union all
    select e.tx_id, ${OPERATOR_ACCOUNTS.earnings}::uuid, -e.amount, null from ${earnings} e
  `.execute(trx);

  // Consents: service messages with the contract; some marketing consents given on calls or online.
  await sql`
    insert into customer_consents (customer_id, purpose, status, source, recorded_at, evidence)
    select b.id, v.purpose, v.status, v.source, a.joined_at + v.after, v.evidence
    from ${batch} b
    join loyalty_accounts a on a.customer_id = b.id
    cross join lateral (
      select 'service_messages' as purpose, 'granted' as status, 'contract' as source, interval '0' as after,
             'Conditions générales acceptées à la souscription' as evidence
      union all
      select 'marketing_email', 'granted', 'portal', interval '2 days', 'Case cochée à la souscription en ligne'
      where b.idx % 2 = 0
      union all
      select 'marketing_phone', 'granted', 'call', interval '30 days', 'Accord enregistré en début d''appel'
      where b.idx % 3 = 1
      union all
      select 'marketing_phone', 'withdrawn', 'portal', interval '60 days', null
      where b.idx % 7 = 3 and b.idx % 3 <> 1
    ) v
    on conflict (customer_id, purpose) do nothing
  `.execute(trx);
  await sql`
    insert into customer_consent_events (customer_id, purpose, status, source, recorded_at, evidence)
    select k.customer_id, k.purpose, k.status, k.source, k.recorded_at, k.evidence
    from customer_consents k join ${batch} b on b.id = k.customer_id
    order by k.recorded_at
  `.execute(trx);
}

export const SMARTPHONE_REWARD_ID = stableUuid('reward:smartphone');

/** Seed 003 with Claire Martin, and the catalogue and offers; after the demo logins exist. */
export async function seedLoyaltyStories(trx: Db, now: Date, customers: number): Promise<void> {
  const supervisor = await trx
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'supervisor@demo.suivi')
    .executeTakeFirst();
  const supervisorId = supervisor?.id ?? null;
  const claire = customerIdOf(0);
  const day = 86_400_000;
  const ago = (days: number) => new Date(now.getTime() - days * day);

  // Catalogue: in force since a year ago.
  const catalogue = [
    {
      id: SMARTPHONE_REWARD_ID,
      code: 'smartphone',
      fr: 'Smartphone milieu de gamme',
      en: 'Mid-range smartphone',
      points: { essentiel: 2400, argent: 2400, or: 2200 },
    },
    {
      id: stableUuid('reward:ecouteurs'),
      code: 'ecouteurs',
      fr: 'Écouteurs sans fil',
      en: 'Wireless earbuds',
      points: { essentiel: 900, argent: 850, or: 800 },
    },
    {
      id: stableUuid('reward:mois-offert'),
      code: 'mois-offert',
      fr: 'Un mois d’abonnement offert',
      en: 'One month free',
      points: { essentiel: 1500, argent: 1400, or: 1200 },
    },
  ];
  for (const reward of catalogue) {
    await trx
      .insertInto('loyalty_rewards')
      .values({ id: reward.id, code: reward.code, name_fr: reward.fr, name_en: reward.en })
      .execute();
    for (const [tier, points] of Object.entries(reward.points)) {
      await insertThreshold(trx, {
        rewardId: reward.id,
        tier: tier as 'essentiel',
        points,
        effectiveFrom: ago(365),
        announcedAt: ago(365),
        userId: supervisorId,
        previousPoints: null,
        protectionUntil: null,
        reason: null,
      });
    }
  }

  if (customers < 2) return;
  const claireAccount = await trx
    .selectFrom('loyalty_accounts')
    .select(['id', 'balance', 'tier', 'household_id'])
    .where('customer_id', '=', claire)
    .executeTakeFirst();
  const sonAccount = await trx
    .selectFrom('loyalty_accounts')
    .select(['id', 'balance'])
    .where('customer_id', '=', customerIdOf(1))
    .executeTakeFirst();
  if (!claireAccount || !sonAccount) return;
  await trx.updateTable('loyalty_accounts').set({ tier: 'essentiel' }).where('id', '=', claireAccount.id).execute();

  // Claire announced her goal a year ago; the household pooled points; she is 150 points away.
  await trx
    .insertInto('loyalty_goals')
    .values({ customer_id: claire, reward_id: SMARTPHONE_REWARD_ID, announced_at: ago(360) })
    .execute();
  const transferAt = ago(20);
  const fromSon = Math.min(350, sonAccount.balance);
  if (fromSon > 0) {
    await insertTransaction(
      trx,
      {
        kind: 'transfer',
        customerId: customerIdOf(1),
        occurredAt: transferAt,
        description: 'Transfert au sein du foyer',
        authorUserId: null,
      },
      [
        { accountId: sonAccount.id, amount: -fromSon },
        { accountId: claireAccount.id, amount: fromSon, expiresOn: expiryDateFor(DEFAULT_LOYALTY_POLICY, transferAt) },
      ],
    );
  }
  const target = 2250;
  const missing = target - (claireAccount.balance + fromSon);
  if (missing > 0) {
    const at = ago(45);
    await insertTransaction(
      trx,
      {
        kind: 'earn_event',
        customerId: claire,
        occurredAt: at,
        description: 'Parrainage de deux amis',
        authorUserId: null,
      },
      [
        { accountId: claireAccount.id, amount: missing, expiresOn: expiryDateFor(DEFAULT_LOYALTY_POLICY, at) },
        { accountId: OPERATOR_ACCOUNTS.earnings, amount: -missing },
      ],
    );
  }

  // The increase to 2,900, announced three days ago with the notice period; members told, Claire protected.
  const announcedAt = ago(3);
  const plan = planThresholdChange(DEFAULT_LOYALTY_POLICY, { currentPoints: 2400, newPoints: 2900, now: announcedAt });
  if (plan.ok && plan.protectionUntil) {
    const change = await insertThreshold(trx, {
      rewardId: SMARTPHONE_REWARD_ID,
      tier: 'essentiel',
      points: 2900,
      effectiveFrom: plan.effectiveFrom,
      announcedAt,
      userId: supervisorId,
      previousPoints: 2400,
      protectionUntil: plan.protectionUntil,
      reason: 'Hausse du prix d’achat des smartphones',
    });
    await protectMembers(trx, {
      thresholdId: change.id,
      rewardId: SMARTPHONE_REWARD_ID,
      tier: 'essentiel',
      oldPoints: 2400,
      distance: DEFAULT_LOYALTY_POLICY.protectionDistance,
      until: plan.protectionUntil,
      at: announcedAt,
    });
    const protectionOn = addMonths(plan.effectiveOn, DEFAULT_LOYALTY_POLICY.protectionMonths);
    const fr = (d: string) => d.split('-').reverse().join('/');
    await enqueueThresholdNotices(trx, {
      thresholdId: change.id,
      rewardId: SMARTPHONE_REWARD_ID,
      tier: 'essentiel',
      subjectFr: `Programme fidélité : Smartphone milieu de gamme à 2900 points à partir du ${fr(plan.effectiveOn)}`,
      subjectEn: `Loyalty programme: Mid-range smartphone at 2900 points from ${plan.effectiveOn}`,
      bodyFr: `Bonjour,\n\nLe nombre de points nécessaire pour « Smartphone milieu de gamme » passe de 2400 à 2900 le ${fr(plan.effectiveOn)}. Motif : hausse du prix d’achat des smartphones.\nJusqu'à cette date, ce cadeau reste à 2400 points.\n`,
      bodyEn: `Hello,\n\nThe points needed for "Mid-range smartphone" rise from 2400 to 2900 on ${plan.effectiveOn}. Reason: higher purchase prices of smartphones.\nUntil then, this reward stays at 2400 points.\n`,
      protectedFr: `\nBonne nouvelle : vous êtes proche du seuil ou vous nous avez indiqué cet objectif. Pour vous, il reste à 2400 points jusqu'au ${fr(protectionOn)} inclus.\n`,
      protectedEn: `\nGood news: you are close to the threshold or told us it is your goal. For you it stays at 2400 points until ${protectionOn} inclusive.\n`,
      at: announcedAt,
    });
  }

  // Offers: customers first.
  const offer = (
    product: string,
    name: string,
    audience: 'existing_customers' | 'new_customers' | 'all_customers',
    cents: number,
  ) => ({
    product,
    name,
    audience,
    segment: null,
    monthly_price_cents: cents,
    valid_from: ago(30),
    valid_until: null,
    published_at: ago(30),
    published_by_user_id: supervisorId,
  });
  await trx
    .insertInto('offers')
    .values([
      offer('box-fibre-2g', 'Box fibre 2 Gb/s — fidélité', 'existing_customers', 2999),
      offer('box-fibre-2g', 'Box fibre 2 Gb/s — bienvenue', 'new_customers', 2999),
      offer('mobile-100go', 'Forfait 100 Go', 'all_customers', 1499),
    ])
    .execute();

  // Seed 003's "incessant calls": Claire objected to sales calls; Suivi refuses the campaign's later tries.
  if (!supervisorId) return;
  const campaignId = stableUuid('campaign:points-offers');
  await trx
    .insertInto('outreach_campaigns')
    .values({
      id: campaignId,
      name: 'Offres exceptionnelles pour vos points',
      purpose: 'contract_offer',
      created_by_user_id: supervisorId,
      created_at: ago(120),
      closed_at: null,
    })
    .execute();
  const attempt = (days: number, outcome: 'declined' | 'objected' | null, rule: string | null) => ({
    campaign_id: campaignId,
    customer_id: claire,
    attempted_at: ago(days),
    status: rule ? ('blocked' as const) : ('placed' as const),
    outcome,
    blocked_rule: rule,
    blocked_reason: rule
      ? 'The customer withdrew consent to marketing calls (this also refuses offers on their contract).'
      : null,
    recorded_by_user_id: supervisorId,
    idempotency_key: null,
    request_hash: null,
  });
  await trx
    .insertInto('outreach_attempts')
    .values([
      attempt(100, 'declined', null),
      attempt(90, 'objected', null),
      attempt(12, null, 'consent_withdrawn'),
      attempt(5, null, 'consent_withdrawn'),
    ])
    .execute();
  const consentRow = {
    customer_id: claire,
    purpose: 'marketing_phone' as const,
    status: 'withdrawn' as const,
    source: 'call' as const,
    recorded_at: ago(90),
    recorded_by_user_id: supervisorId,
    evidence: 'Opposition exprimée pendant l’appel « Offres exceptionnelles pour vos points »',
  };
  await trx
    .insertInto('customer_consents')
    .values(consentRow)
    .onConflict((oc) =>
      oc.columns(['customer_id', 'purpose']).doUpdateSet({
        status: 'withdrawn',
        source: 'call',
        recorded_at: consentRow.recorded_at,
        recorded_by_user_id: supervisorId,
        evidence: consentRow.evidence,
      }),
    )
    .execute();
  await trx.insertInto('customer_consent_events').values(consentRow).execute();
}
