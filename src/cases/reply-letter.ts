/**
 * Answering a written complaint in writing (PRODUCT.md, seed 001: "the complaints service answers
 * within two days"). One transaction writes the whole fact: the PDF (case_documents), the letter
 * on the timeline, the written_reply promise kept or broken, and the letter in the outbox for
 * printing and posting. A retried request (same Idempotency-Key) returns the same document.
 */
import { createHash } from 'node:crypto';
import { recordAudit } from '../audit/queries.js';
import { toLocalDate } from '../calendar/index.js';
import { customerScopeFor } from '../customers/scope.js';
import { findDocumentByIdempotencyKey, findDocumentMeta, insertDocument } from '../documents/queries.js';
import type { AuthUser } from '../identity/queries.js';
import type { Role } from '../identity/roles.js';
import { enqueueMessage } from '../outbox/enqueue.js';
import type { AppContext } from '../platform/http/context.js';
import { HttpProblem, notFound } from '../platform/http/problem.js';
import { insertInteraction } from './interaction-queries.js';
import { mediationDates } from './mediation.js';
import { settlementAt } from './promises.js';
import {
  inTransaction,
  insertPromiseEvent,
  lockCase,
  openPromises,
  settlePromise,
  updateCaseAtVersion,
} from './queries.js';
import {
  type LetterLanguage,
  type ReplyLetter,
  renderReplyLetterPdf,
  replyLetterPlainText,
} from './reply-letter-pdf.js';
import { findLetterRecipient } from './reply-letter-queries.js';
import type { ReplyLetterBody } from './reply-letter-schema.js';

/** The signer's role as written under their name, in the letter's language. */
const roleTitles: Record<LetterLanguage, Record<Role, string>> = {
  fr: {
    subscriber: 'Client',
    advisor: 'Conseiller clientèle',
    senior_advisor: 'Conseiller clientèle senior',
    supervisor: 'Responsable d’équipe',
    complaints_officer: 'Chargé de réclamations',
    planner: 'Planification',
    director: 'Direction de la relation client',
    shop_staff: 'Conseiller en boutique',
    admin: 'Administration',
  },
  en: {
    subscriber: 'Customer',
    advisor: 'Customer advisor',
    senior_advisor: 'Senior customer advisor',
    supervisor: 'Team manager',
    complaints_officer: 'Complaints officer',
    planner: 'Planning',
    director: 'Customer relations director',
    shop_staff: 'Shop advisor',
    admin: 'Administration',
  },
};

/** Timeline summaries are at most 4,000 characters; the full text is in the PDF. */
const SUMMARY_EXCERPT = 3_000;

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export async function createReplyLetter(
  ctx: AppContext,
  user: AuthUser,
  input: { caseId: string; body: ReplyLetterBody; idempotencyKey: string | null },
) {
  const now = ctx.clock.now();
  const signerName = input.body.signerName ?? user.displayName;
  const requestHash = sha256(JSON.stringify({ body: input.body.body, signerName }));
  return inTransaction(ctx.db, async (trx) => {
    // The case lock serialises retries of the same request, so the replay check cannot race.
    const row = await lockCase(trx, input.caseId, customerScopeFor(user));
    if (!row) throw notFound('Case');
    if (row.type !== 'written_complaint') {
      throw new HttpProblem(
        422,
        'Not a written complaint',
        'A reply letter answers a written complaint; this case is of another type.',
      );
    }
    if (input.idempotencyKey) {
      const existing = await findDocumentByIdempotencyKey(trx, row.id, input.idempotencyKey);
      if (existing) {
        if (existing.request_sha256 !== requestHash) {
          throw new HttpProblem(
            422,
            'Idempotency-Key reused',
            'This Idempotency-Key was already used for a different reply letter on this case.',
          );
        }
        return { document: existing, replayed: true };
      }
    }

    const recipient = await findLetterRecipient(trx, row.customer_id);
    const addressLines = [
      recipient.address_line1,
      recipient.address_line2,
      `${recipient.postcode} ${recipient.city.toUpperCase()}`,
      recipient.country === 'FR' ? null : recipient.country,
    ].filter((line): line is string => Boolean(line));
    const language = recipient.preferred_language;
    const letter: ReplyLetter = {
      language,
      reference: row.reference,
      customer: {
        civility: recipient.civility,
        firstName: recipient.first_name,
        lastName: recipient.last_name,
        addressLines,
      },
      writtenAt: now,
      mediation: mediationDates(row.opened_at),
      body: input.body.body,
      signer: {
        fullName: signerName,
        role: `${roleTitles[language][user.role]}${user.advisorCode ? ` (${user.advisorCode})` : ''}`,
      },
    };
    const pdf = await renderReplyLetterPdf(letter);
    const filename = `reponse-${row.reference}-${toLocalDate(now)}.pdf`;
    const { id: documentId } = await insertDocument(trx, {
      case_id: row.id,
      customer_id: row.customer_id,
      kind: 'reply_letter',
      filename,
      content: pdf,
      sha256: sha256(pdf),
      created_by: user.id,
      created_at: now,
      idempotency_key: input.idempotencyKey,
      request_sha256: requestHash,
    });
    const factKey = `reply-letter:${documentId}`;

    const excerpt = letter.body.length > SUMMARY_EXCERPT ? `${letter.body.slice(0, SUMMARY_EXCERPT)}…` : letter.body;
    await insertInteraction(trx, {
      case_id: row.id,
      customer_id: row.customer_id,
      channel: 'letter',
      direction: 'outbound',
      summary: `Réponse écrite à la réclamation (${filename}), signée ${signerName} : ${excerpt}`,
      occurred_at: now,
      handled_by_user_id: user.id,
      recorded_by_user_id: user.id,
      // Ties the timeline entry to the outbox message (same key), so the timeline shows it once.
      idempotency_key: factKey,
    });

    const reply = (await openPromises(trx, row.id)).find((promise) => promise.kind === 'written_reply');
    if (reply) {
      const status = settlementAt(reply.due_at, now);
      await settlePromise(trx, reply.id, { status, at: now });
      await insertPromiseEvent(trx, {
        promise_id: reply.id,
        case_id: row.id,
        at: now,
        actor_user_id: user.id,
        event: status,
        reason:
          status === 'kept'
            ? 'Réponse écrite envoyée dans le délai promis.'
            : 'Réponse écrite envoyée après la date promise.',
      });
    }
    await updateCaseAtVersion(trx, row.id, row.version, { updated_at: now });

    await enqueueMessage(trx, {
      customerId: row.customer_id,
      caseId: row.id,
      channel: 'letter',
      recipient: [`${recipient.civility} ${recipient.first_name} ${recipient.last_name}`, ...addressLines].join('\n'),
      subject: language === 'en' ? `Your complaint ${row.reference}` : `Votre réclamation ${row.reference}`,
      body: replyLetterPlainText(letter),
      kind: 'reply_letter',
      dedupeKey: factKey,
      at: now,
    });
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'case.reply_letter',
      subjectType: 'case',
      subjectId: row.id,
      details: { documentId, signerName, promise: reply ? settlementAt(reply.due_at, now) : null },
    });
    const document = await findDocumentMeta(trx, row.id, documentId);
    if (!document) throw new Error('the document just stored cannot be read back');
    return { document, replayed: false };
  });
}
