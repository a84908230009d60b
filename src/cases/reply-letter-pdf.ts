/**
 * The reply to a written complaint, as an A4 PDF (pdfkit, standard Helvetica: no font files to
 * ship). Pure apart from pdfkit itself: every date is passed in, so the same facts give the same
 * bytes (the creation date is the letter's date, not the wall clock).
 */
import PDFDocument from 'pdfkit';
import { PARIS, toLocalDate } from '../calendar/index.js';
import type { MediationDates } from './mediation.js';

export type LetterLanguage = 'fr' | 'en';

export interface ReplyLetter {
  /** The customer's preferred language; French unless they chose English. */
  language: LetterLanguage;
  reference: string;
  customer: {
    civility: 'M.' | 'Mme' | 'Mx';
    firstName: string;
    lastName: string;
    addressLines: string[];
  };
  /** When the letter is written (Paris day shown). */
  writtenAt: Date;
  /** The Paris day the complaint reached us, and the mediation doors it opens. */
  mediation: MediationDates;
  /** The reply itself, paragraphs separated by blank lines. */
  body: string;
  /** The signer's full name and role: a person the customer can write back to, not a service. */
  signer: { fullName: string; role: string };
}

export const LETTERHEAD = 'Suivi — Service réclamations';
const LETTERHEAD_EN = 'Suivi — Complaints department';

/** "2027-01-06" → "6 janvier 2027" (a calendar day, formatted at noon so no zone can shift it). */
export function frenchDay(date: string): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}

/** An instant as its Paris calendar day in French: "6 janvier 2027". */
export function frenchDayOf(at: Date): string {
  return new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'long', year: 'numeric' }).format(
    at,
  );
}

/** A calendar day in the letter's language: "6 janvier 2027" or "6 January 2027". */
function letterDay(date: string, language: LetterLanguage): string {
  return language === 'fr'
    ? frenchDay(date)
    : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(
        new Date(`${date}T12:00:00Z`),
      );
}

const salutations = { 'M.': 'Monsieur,', Mme: 'Madame,', Mx: 'Madame, Monsieur,' } as const;
const englishTitles = { 'M.': 'Mr', Mme: 'Ms', Mx: 'Mx' } as const;

/** The letter's wording, also the outbox message's text (a print driver or a person reads it). */
export function replyLetterText(letter: ReplyLetter) {
  const { customer, mediation, reference } = letter;
  const recipient = [`${customer.civility} ${customer.firstName} ${customer.lastName}`, ...customer.addressLines];
  const signatureWith = (service: string) => [letter.signer.fullName, letter.signer.role, service];
  if (letter.language === 'en') {
    const day = (date: string) => letterDay(date, 'en');
    return {
      letterhead: LETTERHEAD_EN,
      recipient,
      place: letterDay(toLocalDate(letter.writtenAt, PARIS), 'en'),
      subject: `Subject: your complaint ${reference}`,
      receivedLine: `We received your written complaint on ${day(mediation.complaintDate)} (reference ${reference}).`,
      salutation: `Dear ${englishTitles[customer.civility]} ${customer.lastName},`,
      body: letter.body.trim(),
      mediation: [
        `If this reply does not satisfy you, you may refer your complaint to our consumer service (second-level appeal) from ${day(mediation.secondLevelFrom)}.`,
        `You may then refer it free of charge to the Médiateur des communications électroniques (www.mediateur-telecom.fr) from ${day(mediation.mediatorFrom)} until ${day(mediation.mediatorUntil)}.`,
      ],
      closing: 'Yours sincerely,',
      signature: signatureWith(LETTERHEAD_EN),
    };
  }
  return {
    letterhead: LETTERHEAD,
    recipient,
    place: `Le ${frenchDayOf(letter.writtenAt)}`,
    subject: `Objet : votre réclamation ${reference}`,
    receivedLine: `Nous avons bien reçu votre réclamation écrite le ${frenchDay(mediation.complaintDate)} (référence ${reference}).`,
    salutation: salutations[customer.civility],
    body: letter.body.trim(),
    mediation: [
      `Si cette réponse ne vous satisfait pas, vous pouvez saisir notre service consommateurs (recours de second niveau) à partir du ${frenchDay(mediation.secondLevelFrom)}.`,
      `Vous pourrez ensuite saisir gratuitement le Médiateur des communications électroniques (www.mediateur-telecom.fr) à partir du ${frenchDay(mediation.mediatorFrom)} et jusqu’au ${frenchDay(mediation.mediatorUntil)}.`,
    ],
    closing: `Nous vous prions d’agréer, ${salutations[customer.civility].replace(/,$/, '')}, l’expression de nos salutations distinguées.`,
    signature: signatureWith(LETTERHEAD),
  };
}

/** The same wording as plain text, for the outbox message. */
export function replyLetterPlainText(letter: ReplyLetter): string {
  const text = replyLetterText(letter);
  return [
    text.letterhead,
    '',
    ...text.recipient,
    '',
    text.place,
    text.subject,
    '',
    text.salutation,
    '',
    text.receivedLine,
    '',
    text.body,
    '',
    ...text.mediation,
    '',
    text.closing,
    '',
    ...text.signature,
  ].join('\n');
}

/** Renders the PDF. `compress: false` keeps the text streams readable (tests, debugging). */
export function renderReplyLetterPdf(letter: ReplyLetter, options: { compress?: boolean } = {}): Promise<Buffer> {
  const text = replyLetterText(letter);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    compress: options.compress ?? true,
    info: {
      Title:
        letter.language === 'en'
          ? `Reply to your complaint ${letter.reference}`
          : `Réponse à votre réclamation ${letter.reference}`,
      Author: letter.signer.fullName,
      Creator: 'Suivi',
      CreationDate: letter.writtenAt,
      ModDate: letter.writtenAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 128;

  doc.font('Helvetica-Bold').fontSize(14).text(text.letterhead, { width });
  doc.moveDown(2);
  // The window of a DL envelope sits on the right.
  doc.font('Helvetica').fontSize(11);
  for (const line of text.recipient) doc.text(line, 320, undefined, { width: width - 256 });
  doc.moveDown(2);
  doc.text(text.place, 64, undefined, { width, align: 'right' });
  doc.moveDown();
  doc.font('Helvetica-Bold').text(text.subject, { width });
  doc.font('Helvetica').moveDown();
  doc.text(text.salutation, { width });
  doc.moveDown();
  doc.text(text.receivedLine, { width, align: 'justify' });
  doc.moveDown();
  for (const paragraph of text.body.split(/\n\s*\n/)) {
    doc.text(paragraph.trim(), { width, align: 'justify' });
    doc.moveDown();
  }
  doc.fontSize(10);
  for (const line of text.mediation) doc.text(line, { width, align: 'justify' });
  doc.fontSize(11).moveDown();
  doc.text(text.closing, { width, align: 'justify' });
  doc.moveDown(2);
  const [name, role, service] = text.signature;
  doc.font('Helvetica-Bold').text(name ?? '', { width });
  doc.font('Helvetica').text(role ?? '', { width });
  doc.text(service ?? '', { width });
  doc.end();
  return done;
}
