/**
 * Two customer records merge: the ledger is append-only, so the duplicate's history stays on its
 * (tombstoned) account and its valid points move to the survivor in one transfer entry, each lot
 * keeping its own expiry date. The survivor keeps the higher tier; goals and protections follow
 * unless the survivor already has the same one.
 */
import { toLocalDate } from '../calendar/index.js';
import type { CustomerMergeStep } from '../customers/merge-steps.js';
import { moveCustomerRows } from '../customers/merge-queries.js';
import { DEFAULT_LOYALTY_POLICY, expirySchedule } from './ledger.js';
import { ensureMember, insertTransaction, lotsOf, memberAccount } from './queries.js';
import { tiers } from './tables.js';

export const loyaltyMergeStep: CustomerMergeStep = {
  tables: ['loyalty_accounts', 'loyalty_transactions', 'loyalty_goals', 'loyalty_threshold_protections'],
  async merge(trx, { from, into, at, actorUserId }) {
    const moved: Record<string, number> = { loyalty_points: 0 };
    for (const table of ['loyalty_goals', 'loyalty_threshold_protections']) {
      moved[table] = await moveCustomerRows(trx, { table, column: 'customer_id' }, from, into);
    }
    const absorbed = await memberAccount(trx, from, true);
    if (!absorbed) return moved;
    await ensureMember(trx, into);
    const survivor = await memberAccount(trx, into, true);
    if (!survivor) throw new Error('the surviving member account vanished inside the merge');
    const higherTier =
      tiers[Math.max(tiers.indexOf(absorbed.tier ?? 'essentiel'), tiers.indexOf(survivor.tier ?? 'essentiel'))];
    await trx
      .updateTable('loyalty_accounts')
      .set({ tier: higherTier, household_id: survivor.household_id ?? absorbed.household_id })
      .where('id', '=', survivor.id)
      .execute();
    const { lots, debited } = await lotsOf(trx, absorbed.id);
    const valid = expirySchedule(lots, debited, toLocalDate(at, DEFAULT_LOYALTY_POLICY.timeZone));
    const points = Math.min(
      absorbed.balance,
      valid.reduce((sum, lot) => sum + lot.points, 0),
    );
    if (points <= 0) return moved;
    // Lots beyond the balance (already spent) are not credited: walk them until the points are placed.
    let left = points;
    const credits = [];
    for (const lot of valid) {
      const amount = Math.min(lot.points, left);
      if (amount > 0) credits.push({ accountId: survivor.id, amount, expiresOn: lot.expiresOn });
      left -= amount;
    }
    await insertTransaction(
      trx,
      {
        kind: 'transfer',
        customerId: from,
        occurredAt: at,
        description: 'Fusion de deux dossiers client : points transférés au dossier conservé',
        reason: 'customer merge',
        authorUserId: actorUserId,
      },
      [{ accountId: absorbed.id, amount: -points }, ...credits],
    );
    moved.loyalty_points = points;
    return moved;
  },
};
