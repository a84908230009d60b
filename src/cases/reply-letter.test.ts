import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../test/pdf-text.js';
import { type LoggedIn, type TestApp, createTestApp, login } from '../../test/test-app.js';
import { createPrintSpoolTransport } from '../outbox/print-spool.js';
import { fixedClock } from '../platform/clock.js';
import { customerIdOf } from '../seed/customers.js';

// Friday 18 December 2026, 10:00 in Paris.
const clock = fixedClock(new Date('2026-12-18T09:00:00Z'));
const claire = customerIdOf(0);
let t: TestApp;
let advisor: LoggedIn;
let subscriber: LoggedIn;
let otherCustomer = '';

type Body = Record<string, unknown>;
const send = (session: LoggedIn, method: 'POST' | 'GET', url: string, payload?: Body, headers = {}) =>
  t.app.inject({ method, url, payload, headers: { cookie: session.cookie, 'x-csrf-token': session.csrf, ...headers } });
const openCase = async (payload: Body) => {
  const response = await send(advisor, 'POST', '/api/cases', payload);
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; reference: string };
};
const complaint = (customerId: string, openedAt: string) =>
  openCase({
    customerId,
    type: 'written_complaint',
    channel: 'letter',
    summary: 'Courrier : déménagement de ligne promis en 10 jours, toujours pas fait',
    openedAt,
  });
const letterBody = {
  body: 'Votre ligne sera déménagée le mardi 22 décembre.\n\nNous vous remboursons un mois d’abonnement.',
};
const writeLetter = (caseId: string, payload: Body = letterBody, key?: string) =>
  send(advisor, 'POST', `/api/cases/${caseId}/reply-letter`, payload, key ? { 'idempotency-key': key } : {});
const outboxOf = (caseId: string) =>
  t.database.db.selectFrom('outbox_messages').selectAll().where('case_id', '=', caseId).execute();

beforeAll(async () => {
  t = await createTestApp({ customers: 30, clock, config: { sessionTtlHours: 24 * 400 } });
  [advisor, subscriber] = await Promise.all([
    login(t.app, 'advisor@demo.suivi'),
    login(t.app, 'subscriber@demo.suivi'),
  ]);
  const customers = await t.database.db.selectFrom('customers').select(['id', 'serving_site_id']).execute();
  otherCustomer = customers.find((c) => c.id !== claire && c.serving_site_id === advisor.user.site?.id)?.id ?? '';
});
afterAll(() => t.close());

describe('a reply letter to a written complaint', () => {
  let opened: { id: string; reference: string };
  let document: { id: string; url: string; filename: string; sha256: string };

  it('stores a signed PDF, puts the letter on the timeline, keeps the reply promise and queues the letter once', async () => {
    // Received Thursday 17 December: the reply is due by the end of Monday 21 December.
    opened = await complaint(claire, '2026-12-17T08:00:00Z');
    const first = await writeLetter(opened.id, letterBody, 'reply-1');
    expect(first.statusCode).toBe(201);
    document = first.json();
    expect(document).toMatchObject({
      kind: 'reply_letter',
      filename: `reponse-${opened.reference}-2026-12-18.pdf`,
      createdBy: 'Stéphane B. (VIT-0001)',
      url: `/api/cases/${opened.id}/documents/${document.id}`,
    });
    expect(first.headers.location).toBe(document.url);

    // The same request retried (a double click, a timeout): the same document, nothing new.
    const retry = await writeLetter(opened.id, letterBody, 'reply-1');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json().id).toBe(document.id);
    const messages = await outboxOf(opened.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      channel: 'letter',
      kind: 'reply_letter',
      status: 'pending',
      dedupe_key: `reply-letter:${document.id}`,
      subject: `Votre réclamation ${opened.reference}`,
    });
    expect(messages[0]?.recipient).toMatch(/^(Mme|M\.|Mx) \S+ .+\n.+\n\d{5} [A-Z]/);
    expect(messages[0]?.body).toContain('Stéphane Bernard');

    const file = (await send(advisor, 'GET', `/api/cases/${opened.id}`)).json();
    const letters = file.timeline.filter((entry: Body) => entry.channel === 'letter' && entry.direction === 'outbound');
    // One entry: the outbox message is the same fact as the interaction, not shown twice.
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ handledBy: { id: advisor.user.id } });
    expect(letters[0].summary).toContain('signée Stéphane Bernard');
    expect(file.promises).toEqual([expect.objectContaining({ kind: 'written_reply', status: 'kept' })]);
    expect(file.promiseHistory.at(-1)).toMatchObject({
      event: 'kept',
      reason: expect.stringContaining('dans le délai'),
    });
    expect(file.documents).toEqual([expect.objectContaining({ id: document.id, size: expect.any(Number) })]);
    expect(file.documents[0].size).toBeGreaterThan(1000);
  });

  it('is a PDF with the reference, the dates, the mediation doors and the signer’s full name and role', async () => {
    const response = await send(advisor, 'GET', document.url);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toContain(`attachment; filename="${document.filename}"`);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(document.sha256);
    const text = pdfText(pdf);
    expect(text).toContain('Suivi — Service réclamations');
    expect(text).toContain(`Objet : votre réclamation ${opened.reference}`);
    expect(text).toContain('Le 18 décembre 2026');
    expect(text).toContain('reçu votre réclamation écrite le 17 décembre 2026');
    expect(text).toContain('Votre ligne sera déménagée le mardi 22 décembre.');
    // Mediation (mediation.ts): second level after 1 month, the Médiateur from 2 months to 1 year.
    expect(text.replace(/\s+/g, ' ')).toContain('à partir du 17 janvier 2027');
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /Médiateur des communications électroniques.*17 février 2027.*17 décembre 2027/,
    );
    expect(text).toMatch(/^Madame,$|^Monsieur,$|^Madame, Monsieur,$/m);
    expect(text).toContain('\nStéphane Bernard\nConseiller clientèle (VIT-0001)\n');
    // A staff read of the customer's letter is logged like a read of their file.
    const reads = await t.database.db
      .selectFrom('customer_access_log')
      .select('route')
      .where('customer_id', '=', claire)
      .where('route', '=', 'GET /api/cases/:id/documents/:documentId')
      .execute();
    expect(reads).toHaveLength(1);
  });

  it('goes to the print spool as the very PDF kept on the case, addressed to the customer', async () => {
    const spool = await mkdtemp(join(tmpdir(), 'suivi-letters-'));
    try {
      const [letter] = await outboxOf(opened.id);
      const printer = createPrintSpoolTransport(t.database.db, spool);
      await printer.send({
        outboxId: letter?.id ?? '',
        customerId: claire,
        channel: 'letter',
        recipient: letter?.recipient ?? '',
        subject: letter?.subject ?? '',
        body: letter?.body ?? '',
        messageId: 'unused',
      });
      const printed = await readFile(join(spool, `${letter?.id}.pdf`));
      const kept = await send(advisor, 'GET', document.url);
      expect(printed.equals(kept.rawPayload)).toBe(true);
      const address = await readFile(join(spool, `${letter?.id}.address.txt`), 'utf8');
      expect(address.split('\n')[0]).toBe('Mme Claire Martin');
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  });

  it('is written in English for a customer who prefers English, mediation doors included', async () => {
    const english = await t.database.db
      .selectFrom('customers')
      .select(['id', 'civility', 'last_name'])
      .where('id', 'not in', [claire, otherCustomer])
      .orderBy('reference')
      .executeTakeFirstOrThrow();
    await t.database.db
      .updateTable('customers')
      .set({ preferred_language: 'en' })
      .where('id', '=', english.id)
      .execute();
    const received = await complaint(english.id, '2026-12-17T08:00:00Z');
    const written = await writeLetter(received.id, { body: 'Your line will be moved on Tuesday 22 December.' });
    expect(written.statusCode).toBe(201);
    const text = pdfText((await send(advisor, 'GET', written.json().url)).rawPayload);
    expect(text).toContain('Suivi — Complaints department');
    expect(text).toContain(`Subject: your complaint ${received.reference}`);
    expect(text).toContain('We received your written complaint on 17 December 2026');
    const title = { 'M.': 'Mr', Mme: 'Ms', Mx: 'Mx' }[english.civility];
    expect(text).toContain(`Dear ${title} ${english.last_name},`);
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /Médiateur des communications électroniques.*17 February 2027.*17 December 2027/,
    );
    expect(text).toContain('\nStéphane Bernard\nCustomer advisor (VIT-0001)\n');
    const [letter] = await outboxOf(received.id);
    expect(letter?.subject).toBe(`Your complaint ${received.reference}`);
    expect(letter?.body).toContain('Yours sincerely,');
  });

  it('refuses an Idempotency-Key reused for another letter', async () => {
    const response = await writeLetter(opened.id, { body: 'Un autre texte.' }, 'reply-1');
    expect(response.statusCode).toBe(422);
    expect(await outboxOf(opened.id)).toHaveLength(1);
  });

  it('marks the promise broken when the reply is late, and signs with the name given', async () => {
    // Received Thursday 10 December: due Monday 14 December, four days ago.
    const late = await complaint(otherCustomer, '2026-12-10T08:00:00Z');
    const response = await writeLetter(late.id, { ...letterBody, signerName: 'Patrice Leroy' });
    expect(response.statusCode).toBe(201);
    const file = (await send(advisor, 'GET', `/api/cases/${late.id}`)).json();
    expect(file.promises).toEqual([expect.objectContaining({ kind: 'written_reply', status: 'broken' })]);
    expect(file.promiseHistory.at(-1)).toMatchObject({ event: 'broken' });
    const pdf = (await send(advisor, 'GET', response.json().url)).rawPayload;
    expect(pdfText(pdf)).toContain('\nPatrice Leroy\n');
    expect(pdfText(pdf)).toContain('le 10 décembre 2026');
  });

  it('answers 422 for a case that is not a written complaint, and 400 for a signer without a last name', async () => {
    const lineMove = await openCase({
      customerId: claire,
      type: 'line_move',
      channel: 'phone_in',
      summary: 'Déménagement',
    });
    const refused = await writeLetter(lineMove.id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().title).toBe('Not a written complaint');
    expect(await outboxOf(lineMove.id)).toHaveLength(0);
    const nameless = await writeLetter(opened.id, { ...letterBody, signerName: 'Stéphane' });
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().errors[0].field).toBe('body.signerName');
  });
});

describe('a subscriber', () => {
  it('downloads their own letter, sees it listed, cannot write one, and gets 404 for another customer’s', async () => {
    const own = await complaint(claire, '2026-12-17T08:00:00Z');
    const ownLetter = (await writeLetter(own.id)).json();
    const other = await complaint(otherCustomer, '2026-12-17T08:00:00Z');
    const otherLetter = (await writeLetter(other.id)).json();

    const download = await send(subscriber, 'GET', ownLetter.url);
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = (await send(subscriber, 'GET', `/api/cases/${own.id}`)).json();
    expect(file.documents.map((doc: { id: string }) => doc.id)).toEqual([ownLetter.id]);

    expect((await send(subscriber, 'GET', otherLetter.url)).statusCode).toBe(404);
    // Their own case with the other customer's document id: still nothing.
    expect((await send(subscriber, 'GET', `/api/cases/${own.id}/documents/${otherLetter.id}`)).statusCode).toBe(404);
    expect((await send(subscriber, 'POST', `/api/cases/${own.id}/reply-letter`, letterBody)).statusCode).toBe(403);
  });
});
