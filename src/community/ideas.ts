/**
 * The ideas board: members propose features for the next box, vote once each (primary key on
 * idea × member; the count moves in the same transaction), comment, and follow the status the
 * operator gives each idea. Every status change is kept and told to the author through the outbox.
 */
import { inTransaction } from '../cases/queries.js';
import { invalidField } from '../cases/errors.js';
import type { AuthUser } from '../identity/queries.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, forbidden, notFound } from '../platform/http/problem.js';
import { recipientFor } from '../shops/notify.js';
import { findAddressee } from '../shops/queries.js';
import {
  deleteVote,
  insertIdea,
  insertStatusChange,
  insertVote,
  lockIdea,
  moveVoteCount,
  updateIdea,
} from './idea-queries.js';
import { ideaStatusText } from './messages.js';
import type { IdeaStatus } from './tables.js';

/** Where an idea may go next; a declined idea may be reconsidered. */
export const ideaTransitions: Record<IdeaStatus, readonly IdeaStatus[]> = {
  proposed: ['under_study', 'planned', 'declined'],
  under_study: ['planned', 'declined'],
  planned: ['released', 'declined'],
  released: [],
  declined: ['under_study'],
};

/** Ideas and votes are a member's own: staff comment and moderate, but do not propose or vote. */
export function memberOf(user: AuthUser): string {
  if (user.role !== 'subscriber' || !user.customerId) throw forbidden('Only members propose ideas and vote.');
  return user.customerId;
}

export async function proposeIdea(ctx: AppContext, user: AuthUser, body: { title: string; body: string }) {
  const customerId = memberOf(user);
  const now = ctx.clock.now();
  const row = await insertIdea(ctx.db, {
    author_customer_id: customerId,
    title: body.title,
    body: body.body,
    status_reason: null,
    hidden_at: null,
    hidden_by_user_id: null,
    hidden_reason: null,
    created_at: now,
    updated_at: now,
  });
  return row.id;
}

export async function vote(ctx: AppContext, user: AuthUser, ideaId: string, on: boolean) {
  const customerId = memberOf(user);
  const now = ctx.clock.now();
  return inTransaction(ctx.db, async (trx) => {
    const idea = await lockIdea(trx, ideaId);
    if (!idea || idea.hidden_at) throw notFound('Idea');
    const changed = on ? await insertVote(trx, ideaId, customerId, now) : await deleteVote(trx, ideaId, customerId);
    const count = changed ? await moveVoteCount(trx, ideaId, on ? 1 : -1) : idea.vote_count;
    return { voted: on, voteCount: count };
  });
}

export async function setIdeaStatus(
  ctx: AppContext,
  user: AuthUser,
  ideaId: string,
  change: { status: IdeaStatus; reason?: string },
) {
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const idea = await lockIdea(trx, ideaId);
    if (!idea) throw notFound('Idea');
    if (idea.status === change.status) return;
    if (!ideaTransitions[idea.status].includes(change.status)) {
      throw new HttpProblem(
        409,
        'Status change not allowed',
        `An idea ${idea.status} cannot become ${change.status}.`,
        [{ field: 'body.status', message: `cannot change from ${idea.status} to ${change.status}` }],
      );
    }
    if (change.status === 'declined' && !change.reason)
      throw invalidField('body.reason', 'is required when an idea is declined');
    await updateIdea(trx, idea.id, { status: change.status, status_reason: change.reason ?? null, updated_at: now });
    const recorded = await insertStatusChange(trx, {
      idea_id: idea.id,
      from_status: idea.status,
      to_status: change.status,
      reason: change.reason ?? null,
      actor_user_id: user.id,
      at: now,
    });
    const author = await findAddressee(trx, idea.author_customer_id);
    if (!author) return;
    const { channel, recipient } = recipientFor(author);
    const text = ideaStatusText(author, { title: idea.title, status: change.status, reason: change.reason ?? null });
    await enqueueMessage(trx, {
      customerId: idea.author_customer_id,
      channel,
      recipient,
      subject: text.subject,
      body: text.body,
      kind: 'idea_status',
      dedupeKey: `idea-status:${recorded.id}`,
      at: now,
    });
  });
}
