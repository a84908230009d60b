/** The proactive message for a broken promise: channel, recipient and text, in the customer's language. Pure. */
import { PARIS } from '../calendar/index.js';
import { ownerDisplayName } from '../cases/owner.js';
import type { MessageContext } from './broken-promise-queries.js';
import type { MessageChannel } from './tables.js';

/**
 * The channel the customer prefers when we can reach them on it; otherwise e-mail if they have
 * an address, else SMS, else a letter to their postal address.
 */
export function chooseRecipient(customer: MessageContext): { channel: MessageChannel; recipient: string } {
  if (customer.preferred_channel === 'sms' && customer.phone) return { channel: 'sms', recipient: customer.phone };
  if (customer.email) return { channel: 'email', recipient: customer.email };
  if (customer.phone) return { channel: 'sms', recipient: customer.phone };
  const lines = [customer.address_line1, customer.address_line2, `${customer.postcode} ${customer.city}`];
  return {
    channel: 'letter',
    recipient: [`${customer.first_name} ${customer.last_name}`, ...lines.filter(Boolean)].join('\n'),
  };
}

export interface BrokenPromiseFacts {
  /** The day that was promised, 'YYYY-MM-DD' (Paris). */
  brokenDueDate: string;
  newDueAt: Date;
  /** Day promises are told as a day; hour promises (fault repair) with the time. */
  newDueIsDay: boolean;
  reason: { fr: string; en: string };
}

const locales = { fr: 'fr-FR', en: 'en-GB' } as const;

/** A Paris date (and time) as a person reads it: "mardi 5 janvier 2027 à 14:00". */
function spokenDate(at: Date, language: 'fr' | 'en', withTime: boolean): string {
  const format = new Intl.DateTimeFormat(locales[language], {
    timeZone: PARIS,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  });
  return format.format(at);
}

/** A 'YYYY-MM-DD' calendar day at Paris noon, so formatting in Paris gives that day. */
const noonOf = (date: string) => new Date(`${date}T12:00:00Z`);

export function brokenPromiseMessage(customer: MessageContext, facts: BrokenPromiseFacts, channel: MessageChannel) {
  const language = customer.preferred_language === 'en' ? 'en' : 'fr';
  const newDate = spokenDate(facts.newDueAt, language, !facts.newDueIsDay);
  const oldDate = spokenDate(noonOf(facts.brokenDueDate), language, false);
  const owner = ownerDisplayName(customer.owner_name, customer.owner_code);
  const ref = customer.reference;
  if (language === 'en') {
    const subject = `Case ${ref}: new date ${newDate}`;
    if (channel === 'sms') {
      return {
        subject,
        body: `Suivi: case ${ref} was not completed by ${oldDate}. New date: ${newDate}. ${facts.reason.en}`,
      };
    }
    const body = [
      `Dear ${customer.first_name} ${customer.last_name},`,
      '',
      `We promised to complete your case ${ref} by ${oldDate}, and we have not kept that promise. We are sorry.`,
      '',
      `New date: ${newDate}.`,
      `Why: ${facts.reason.en}`,
      '',
      `Your advisor is ${owner}; quote your case reference ${ref} and you will be put through to them.`,
      '',
      'Suivi',
    ].join('\n');
    return { subject, body };
  }
  const subject = `Dossier ${ref} : nouvelle date le ${newDate}`;
  if (channel === 'sms') {
    return {
      subject,
      body: `Suivi : dossier ${ref} non terminé au ${oldDate}. Nouvelle date : ${newDate}. ${facts.reason.fr}`,
    };
  }
  const body = [
    `${customer.civility} ${customer.last_name},`,
    '',
    `Nous nous étions engagés à traiter votre dossier ${ref} au plus tard le ${oldDate}, et nous n’avons pas tenu cet engagement. Nous vous prions de nous en excuser.`,
    '',
    `Nouvelle date : ${newDate}.`,
    `Raison : ${facts.reason.fr}`,
    '',
    `Votre conseiller est ${owner} ; en rappelant la référence ${ref}, votre appel lui sera transmis.`,
    '',
    'Suivi',
  ].join('\n');
  return { subject, body };
}
