/** The message telling a customer that two of their cases became one. Pure, no I/O. */
import { PARIS } from '../calendar/index.js';
import type { MessageContext } from '../outbox/broken-promise-queries.js';
import type { MessageChannel } from '../outbox/tables.js';
import { ownerDisplayName } from './owner.js';

export interface CaseMergeFacts {
  absorbedReference: string;
  survivingReference: string;
  /** The promise kept on the surviving case, if one is open. */
  keptPromise: { dueAt: Date; dueDate: string; isDay: boolean } | null;
}

const locales = { fr: 'fr-FR', en: 'en-GB' } as const;

function spokenDate(promise: NonNullable<CaseMergeFacts['keptPromise']>, language: 'fr' | 'en'): string {
  // A day promise is told as its Paris calendar day (noon UTC is that day in Paris); an hour promise with its time.
  const at = promise.isDay ? new Date(`${promise.dueDate}T12:00:00Z`) : promise.dueAt;
  return new Intl.DateTimeFormat(locales[language], {
    timeZone: PARIS,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(promise.isDay ? {} : { hour: '2-digit', minute: '2-digit' }),
  }).format(at);
}

export function caseMergeMessage(customer: MessageContext, facts: CaseMergeFacts, channel: MessageChannel) {
  const language = customer.preferred_language === 'en' ? 'en' : 'fr';
  const owner = ownerDisplayName(customer.owner_name, customer.owner_code);
  const { absorbedReference: from, survivingReference: into } = facts;
  const due = facts.keptPromise ? spokenDate(facts.keptPromise, language) : null;
  if (language === 'en') {
    const subject = `Your cases ${from} and ${into} are now one case: ${into}`;
    const dateLine = due ? `We keep the earliest date we promised you: ${due}.` : '';
    if (channel === 'sms')
      return { subject, body: `Suivi: case ${from} is now part of case ${into}. ${dateLine}`.trim() };
    const body = [
      `Dear ${customer.first_name} ${customer.last_name},`,
      '',
      `Your cases ${from} and ${into} are about the same problem, so we have brought them together in case ${into}: one history with all your contacts, one advisor.`,
      ...(dateLine ? ['', dateLine] : []),
      '',
      `Your advisor is ${owner}; quote the reference ${into} and you will be put through to them.`,
      '',
      'Suivi',
    ].join('\n');
    return { subject, body };
  }
  const subject = `Vos dossiers ${from} et ${into} sont réunis dans le dossier ${into}`;
  const dateLine = due ? `Nous conservons la date la plus proche que nous vous avions promise : le ${due}.` : '';
  if (channel === 'sms') {
    return { subject, body: `Suivi : le dossier ${from} est réuni au dossier ${into}. ${dateLine}`.trim() };
  }
  const body = [
    `${customer.civility} ${customer.last_name},`,
    '',
    `Vos dossiers ${from} et ${into} concernent le même problème : nous les avons réunis dans le dossier ${into}, avec un seul historique de tous vos échanges et un seul conseiller.`,
    ...(dateLine ? ['', dateLine] : []),
    '',
    `Votre conseiller est ${owner} ; en rappelant la référence ${into}, votre appel lui sera transmis.`,
    '',
    'Suivi',
  ].join('\n');
  return { subject, body };
}
