/**
 * Blocking or allowing third-party billing on a line: free, immediate, by the customer in the
 * portal or by an advisor, recorded in the line's history and the audit trail. The subscription
 * row lock orders it with charge imports: a charge imported after the block commits is refused.
 * Setting the status the line already has changes nothing (a retried click is harmless).
 */
import { recordAudit } from '../audit/queries.js';
import { inTransaction } from '../cases/queries.js';
import { customerScopeFor } from '../customers/scope.js';
import type { AuthUser } from '../identity/queries.js';
import type { AppContext } from '../platform/http/context.js';
import { badRequest, notFound } from '../platform/http/problem.js';
import { lockSubscription, saveSetting } from './queries.js';
import type { ThirdPartySettingBody } from './schema.js';
import type { SettingChannel, ThirdPartyStatus } from './tables.js';

export async function setThirdPartyBilling(
  ctx: AppContext,
  user: AuthUser,
  input: { subscriptionId: string; body: ThirdPartySettingBody },
): Promise<{ subscriptionId: string; customerId: string; status: ThirdPartyStatus; changed: boolean }> {
  const { body } = input;
  if (user.role === 'subscriber' && body.channel && body.channel !== 'portal') {
    throw badRequest('body.channel: must be portal when you change it yourself', [
      { field: 'body.channel', message: 'must be portal when you change it yourself' },
    ]);
  }
  const channel: SettingChannel = user.role === 'subscriber' ? 'portal' : (body.channel ?? 'phone');
  return inTransaction(ctx.db, async (trx) => {
    const line = await lockSubscription(trx, input.subscriptionId, customerScopeFor(user));
    if (!line) throw notFound('Line');
    const current = line.third_party_status ?? 'allowed';
    if (current === body.status) {
      return { subscriptionId: line.id, customerId: line.customer_id, status: current, changed: false };
    }
    const now = ctx.clock.now();
    await saveSetting(trx, {
      subscriptionId: line.id,
      customerId: line.customer_id,
      status: body.status,
      at: now,
      actorUserId: user.id,
      channel,
      reason: body.reason ?? null,
    });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: body.status === 'blocked' ? 'billing.third_party_blocked' : 'billing.third_party_allowed',
      subjectType: 'subscription',
      subjectId: line.id,
      details: { customerId: line.customer_id, from: current, to: body.status, channel, reason: body.reason ?? null },
    });
    return { subscriptionId: line.id, customerId: line.customer_id, status: body.status, changed: true };
  });
}
