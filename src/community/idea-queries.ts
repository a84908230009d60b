/** Database access for the ideas board: ideas, votes, comments, status changes, abuse reports (Kysely). */
import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../platform/db/schema.js';
import type { IdeaStatus } from './tables.js';

type Db = Kysely<Database>;

export async function insertIdea(db: Db, values: Insertable<Database['ideas']>) {
  return db.insertInto('ideas').values(values).returning('id').executeTakeFirstOrThrow();
}

function ideaQuery(db: Db, viewerCustomerId: string | null) {
  return db
    .selectFrom('ideas')
    .innerJoin('customers as author', 'author.id', 'ideas.author_customer_id')
    .select([
      'ideas.id',
      'ideas.author_customer_id',
      'ideas.title',
      'ideas.body',
      'ideas.status',
      'ideas.status_reason',
      'ideas.vote_count',
      'ideas.hidden_at',
      'ideas.hidden_reason',
      'ideas.created_at',
      'ideas.updated_at',
      'author.first_name as author_first_name',
      'author.last_name as author_last_name',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('idea_votes')
              .select('idea_votes.idea_id')
              .whereRef('idea_votes.idea_id', '=', 'ideas.id')
              .where('idea_votes.customer_id', '=', viewerCustomerId ?? '00000000-0000-0000-0000-000000000000'),
          )
          .as('voted'),
      (eb) =>
        eb
          .selectFrom('idea_comments')
          .select((inner) => inner.fn.countAll<number>().as('n'))
          .whereRef('idea_comments.idea_id', '=', 'ideas.id')
          .where('idea_comments.hidden_at', 'is', null)
          .as('comment_count'),
    ]);
}

export async function findIdea(db: Db, id: string, viewerCustomerId: string | null) {
  return ideaQuery(db, viewerCustomerId).where('ideas.id', '=', id).executeTakeFirst();
}
export type IdeaView = NonNullable<Awaited<ReturnType<typeof findIdea>>>;

export async function listIdeas(
  db: Db,
  input: {
    viewerCustomerId: string | null;
    status: IdeaStatus | undefined;
    includeHidden: boolean;
    sort: 'votes' | 'newest';
    limit: number;
    after: Array<string | number> | null;
  },
) {
  let query = ideaQuery(db, input.viewerCustomerId);
  if (input.status) query = query.where('ideas.status', '=', input.status);
  if (!input.includeHidden) query = query.where('ideas.hidden_at', 'is', null);
  if (input.sort === 'votes') {
    if (input.after) {
      const [votes, at, id] = input.after as [number, string, string];
      query = query.where((eb) =>
        eb.or([
          eb('ideas.vote_count', '<', votes),
          eb.and([eb('ideas.vote_count', '=', votes), eb('ideas.created_at', '<', new Date(at))]),
          eb.and([
            eb('ideas.vote_count', '=', votes),
            eb('ideas.created_at', '=', new Date(at)),
            eb('ideas.id', '<', id),
          ]),
        ]),
      );
    }
    query = query.orderBy('ideas.vote_count', 'desc');
  } else if (input.after) {
    const [, at, id] = input.after as [number, string, string];
    query = query.where((eb) =>
      eb.or([
        eb('ideas.created_at', '<', new Date(at)),
        eb.and([eb('ideas.created_at', '=', new Date(at)), eb('ideas.id', '<', id)]),
      ]),
    );
  }
  return query.orderBy('ideas.created_at', 'desc').orderBy('ideas.id', 'desc').limit(input.limit).execute();
}

export async function lockIdea(db: Db, id: string) {
  return db.selectFrom('ideas').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function insertVote(db: Db, ideaId: string, customerId: string, at: Date): Promise<boolean> {
  const row = await db
    .insertInto('idea_votes')
    .values({ idea_id: ideaId, customer_id: customerId, created_at: at })
    .onConflict((conflict) => conflict.columns(['idea_id', 'customer_id']).doNothing())
    .returning('idea_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function deleteVote(db: Db, ideaId: string, customerId: string): Promise<boolean> {
  const row = await db
    .deleteFrom('idea_votes')
    .where('idea_id', '=', ideaId)
    .where('customer_id', '=', customerId)
    .returning('idea_id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function moveVoteCount(db: Db, ideaId: string, delta: 1 | -1) {
  const row = await db
    .updateTable('ideas')
    .set((eb) => ({ vote_count: eb('vote_count', '+', delta) }))
    .where('id', '=', ideaId)
    .returning('vote_count')
    .executeTakeFirstOrThrow();
  return row.vote_count;
}

export async function updateIdea(db: Db, id: string, changes: Partial<Insertable<Database['ideas']>>) {
  await db.updateTable('ideas').set(changes).where('id', '=', id).execute();
}

export async function insertStatusChange(db: Db, values: Insertable<Database['idea_status_changes']>) {
  return db.insertInto('idea_status_changes').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function statusChanges(db: Db, ideaId: string) {
  return db
    .selectFrom('idea_status_changes')
    .select(['from_status', 'to_status', 'reason', 'at'])
    .where('idea_id', '=', ideaId)
    .orderBy('at')
    .orderBy('id')
    .execute();
}

export async function insertComment(db: Db, values: Insertable<Database['idea_comments']>) {
  return db.insertInto('idea_comments').values(values).returning('id').executeTakeFirstOrThrow();
}

export async function commentsOf(db: Db, ideaId: string, includeHidden: boolean) {
  let query = db
    .selectFrom('idea_comments as c')
    .leftJoin('customers', 'customers.id', 'c.author_customer_id')
    .leftJoin('users', 'users.id', 'c.author_user_id')
    .select([
      'c.id',
      'c.body',
      'c.created_at',
      'c.hidden_at',
      'c.author_customer_id',
      'customers.first_name',
      'customers.last_name',
      'users.display_name as staff_name',
      'users.advisor_code as staff_code',
    ])
    .where('c.idea_id', '=', ideaId);
  if (!includeHidden) query = query.where('c.hidden_at', 'is', null);
  return query.orderBy('c.created_at').orderBy('c.id').limit(500).execute();
}

export async function hideComment(db: Db, ideaId: string, commentId: string, by: string, at: Date) {
  const row = await db
    .updateTable('idea_comments')
    .set({ hidden_at: at, hidden_by_user_id: by })
    .where('id', '=', commentId)
    .where('idea_id', '=', ideaId)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function findComment(db: Db, ideaId: string, commentId: string) {
  return db
    .selectFrom('idea_comments')
    .select('id')
    .where('id', '=', commentId)
    .where('idea_id', '=', ideaId)
    .executeTakeFirst();
}

export async function insertReport(db: Db, values: Insertable<Database['abuse_reports']>) {
  return db
    .insertInto('abuse_reports')
    .values(values)
    .onConflict((conflict) => conflict.doNothing())
    .returning('id')
    .executeTakeFirst();
}

export async function openReports(db: Db) {
  return db
    .selectFrom('abuse_reports as r')
    .innerJoin('ideas', 'ideas.id', 'r.idea_id')
    .leftJoin('idea_comments as c', 'c.id', 'r.comment_id')
    .select([
      'r.id',
      'r.idea_id',
      'r.comment_id',
      'r.reason',
      'r.created_at',
      'ideas.title',
      'ideas.body as idea_body',
      'c.body as comment_body',
    ])
    .where('r.resolved_at', 'is', null)
    .orderBy('r.created_at')
    .limit(200)
    .execute();
}

export async function resolveReports(
  db: Db,
  where: { ideaId: string; commentId: string | null } | { reportId: string },
  values: { resolved_at: Date; resolved_by_user_id: string; resolution: 'hidden' | 'dismissed' },
) {
  let query = db.updateTable('abuse_reports').set(values).where('resolved_at', 'is', null);
  if ('reportId' in where) query = query.where('id', '=', where.reportId);
  else {
    query = query.where('idea_id', '=', where.ideaId);
    query = where.commentId ? query.where('comment_id', '=', where.commentId) : query.where('comment_id', 'is', null);
  }
  const rows = await query.returning('id').execute();
  return rows.length;
}
