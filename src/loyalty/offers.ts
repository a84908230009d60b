/**
 * "Customers before prospects": an offer to new customers may not beat what existing customers
 * get for the same product. Publishing one is refused (409), or — when the publisher asks for it —
 * published with a retention alert that supervisors see. Advisors see the best offer a customer
 * is entitled to.
 */
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem } from '../platform/http/problem.js';
import { activeOffers, customerIsExisting, insertOffer, insertRetentionAlert, memberAccount } from './queries.js';
import type { OfferAudience, OffersTable, Tier } from './tables.js';
import type { Selectable } from 'kysely';

type Offer = Selectable<OffersTable>;

const euros = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

/** Whether a customer of this kind (already a customer or not, and their tier) may take the offer. */
export function isEntitledTo(offer: Offer, who: { existing: boolean; tier: Tier }): boolean {
  return (
    offer.audience === 'all_customers' ||
    (offer.audience === 'existing_customers' && who.existing) ||
    (offer.audience === 'new_customers' && !who.existing) ||
    (offer.audience === 'segment' && who.existing && offer.segment === who.tier)
  );
}

/** The best (cheapest) offer per product among `offers` that a customer of this kind may take. */
export function bestOffers(offers: readonly Offer[], who: { existing: boolean; tier: Tier }): Offer[] {
  const entitled = offers.filter((offer) => isEntitledTo(offer, who));
  const best = new Map<string, Offer>();
  for (const offer of entitled) {
    const current = best.get(offer.product);
    if (!current || offer.monthly_price_cents < current.monthly_price_cents) best.set(offer.product, offer);
  }
  return [...best.values()].sort((a, b) => a.product.localeCompare(b.product));
}

/** The price every existing customer can get for `product` (the best offer open to all of them). */
export function existingCustomersPrice(offers: readonly Offer[], product: string): Offer | null {
  let best: Offer | null = null;
  for (const offer of offers) {
    if (offer.product !== product) continue;
    if (offer.audience !== 'existing_customers' && offer.audience !== 'all_customers') continue;
    if (!best || offer.monthly_price_cents < best.monthly_price_cents) best = offer;
  }
  return best;
}

export async function publishOffer(
  ctx: AppContext,
  user: AuthUser,
  input: {
    product: string;
    name: string;
    audience: OfferAudience;
    segment?: Tier;
    monthlyPriceCents: number;
    validFrom?: string;
    validUntil?: string;
    onRetentionGap: 'block' | 'alert';
  },
) {
  const now = ctx.clock.now();
  const validFrom = input.validFrom ? new Date(input.validFrom) : now;
  const validUntil = input.validUntil ? new Date(input.validUntil) : null;
  if (validUntil && validUntil <= validFrom) {
    throw new HttpProblem(400, 'Invalid request', 'body.validUntil: must be after validFrom', [
      { field: 'body.validUntil', message: 'must be after validFrom' },
    ]);
  }
  return ctx.db.transaction().execute(async (trx) => {
    let gap: { existing: Offer } | null = null;
    if (input.audience === 'new_customers') {
      const existing = existingCustomersPrice(await activeOffers(trx, validFrom, input.product), input.product);
      if (existing && input.monthlyPriceCents < existing.monthly_price_cents) gap = { existing };
    }
    if (gap && input.onRetentionGap === 'block') {
      throw new HttpProblem(
        409,
        'Prospects would pay less than customers',
        `New customers would pay ${euros(input.monthlyPriceCents)} a month for ${input.product}, existing customers ` +
          `${euros(gap.existing.monthly_price_cents)} ("${gap.existing.name}"). Offer the same price to existing ` +
          'customers first, or publish with onRetentionGap "alert".',
        [
          {
            field: 'body.monthlyPriceCents',
            message: `is below what existing customers pay (${gap.existing.monthly_price_cents})`,
          },
        ],
      );
    }
    const offer = await insertOffer(trx, {
      product: input.product,
      name: input.name,
      audience: input.audience,
      segment: input.segment ?? null,
      monthlyPriceCents: input.monthlyPriceCents,
      validFrom,
      validUntil,
      at: now,
      userId: user.id,
    });
    const alert = gap
      ? await insertRetentionAlert(trx, {
          offerId: offer.id,
          product: input.product,
          prospectPrice: input.monthlyPriceCents,
          existingPrice: gap.existing.monthly_price_cents,
          at: now,
          userId: user.id,
        })
      : null;
    return { offer, alert };
  });
}

export async function bestOffersForCustomer(ctx: AppContext, customerId: string) {
  const [offers, existing, member] = await Promise.all([
    activeOffers(ctx.db, ctx.clock.now()),
    customerIsExisting(ctx.db, customerId),
    memberAccount(ctx.db, customerId),
  ]);
  const tier = member?.tier ?? 'essentiel';
  const best = bestOffers(offers, { existing, tier });
  // What a prospect would be offered, so the advisor sees the customer is not worse off.
  const prospect = bestOffers(offers, { existing: false, tier });
  return { existing, tier, best, prospect };
}

export function presentOffer(offer: Offer) {
  return {
    id: offer.id,
    product: offer.product,
    name: offer.name,
    audience: offer.audience,
    segment: offer.segment,
    monthlyPriceCents: offer.monthly_price_cents,
    validFrom: offer.valid_from.toISOString(),
    validUntil: offer.valid_until?.toISOString() ?? null,
  };
}
