/** Messages to the customer about their bill: a flagged charge before payment, a dispute and its refund. Pure. */
import { PARIS } from '../calendar/index.js';
import type { MessageChannel } from '../outbox/tables.js';
import { type ConsentGap, consentGapLabels } from './consent.js';
import { type ChargeFlag, flagLabels } from './detection.js';
import { spokenNumber } from './explain.js';
import { formatEuros } from './money.js';

export interface MessageCustomer {
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  preferred_channel: string;
  preferred_language: string;
  address_line1: string;
  address_line2: string | null;
  postcode: string;
  city: string;
}

/** The channel the customer prefers when we can reach them on it; else e-mail, SMS, then a letter. */
export function recipientOf(customer: MessageCustomer): { channel: MessageChannel; recipient: string } {
  if (customer.preferred_channel === 'sms' && customer.phone) return { channel: 'sms', recipient: customer.phone };
  if (customer.email) return { channel: 'email', recipient: customer.email };
  if (customer.phone) return { channel: 'sms', recipient: customer.phone };
  const lines = [customer.address_line1, customer.address_line2, `${customer.postcode} ${customer.city}`];
  return {
    channel: 'letter',
    recipient: [`${customer.first_name} ${customer.last_name}`, ...lines.filter(Boolean)].join('\n'),
  };
}

const when = (at: Date, language: 'fr' | 'en') =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: PARIS,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(',', language === 'fr' ? ' à' : ' at');

const longDay = (date: string, language: 'fr' | 'en') =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${date}T12:00:00Z`));

export interface FlaggedChargeFacts {
  merchantName: string;
  serviceName: string;
  occurredAt: Date;
  amountCents: number;
  lineNumber: string | null;
  flags: ChargeFlag[];
  consentGaps: ConsentGap[];
  /** The earliest day the payment can be taken (the payment date of the bill it will be on). */
  paymentNotBefore: string;
}

export function flaggedChargeMessage(customer: MessageCustomer, facts: FlaggedChargeFacts) {
  const language = customer.preferred_language === 'en' ? 'en' : 'fr';
  const amount = formatEuros(facts.amountCents, language);
  const line = spokenNumber(facts.lineNumber);
  const reasons = facts.flags.map((flag) => flagLabels[flag][language].toLowerCase());
  const gaps = facts.consentGaps.map((gap) => consentGapLabels[gap][language]).join(', ');
  if (language === 'en') {
    return {
      subject: `A purchase on your line to check: ${facts.merchantName}, ${amount}`,
      body: [
        `Hello ${customer.first_name} ${customer.last_name},`,
        '',
        `${facts.merchantName} sent us a charge for “${facts.serviceName}”, ${amount}, on ${when(facts.occurredAt, 'en')}, on line ${line}.`,
        `We are telling you before any payment because: ${reasons.join(', ')}.`,
        ...(gaps ? [`Consent: ${gaps}.`] : []),
        '',
        `It will not be taken before ${longDay(facts.paymentNotBefore, 'en')}. If you do not recognise it, dispute it in your account (My bills): a charge without proof of a double confirmation is refunded at once.`,
        'You can also block third-party purchases on your line, free of charge, at any time.',
      ].join('\n'),
    };
  }
  return {
    subject: `Un achat sur votre ligne à vérifier : ${facts.merchantName}, ${amount}`,
    body: [
      `Bonjour ${customer.first_name} ${customer.last_name},`,
      '',
      `${facts.merchantName} nous a transmis un achat « ${facts.serviceName} » de ${amount}, le ${when(facts.occurredAt, 'fr')}, sur la ligne ${line}.`,
      `Nous vous prévenons avant tout prélèvement car : ${reasons.join(', ')}.`,
      ...(gaps ? [`Consentement : ${gaps}.`] : []),
      '',
      `Il ne sera pas prélevé avant le ${longDay(facts.paymentNotBefore, 'fr')}. Si vous ne le reconnaissez pas, contestez-le dans votre espace client (Mes factures) : un achat sans preuve de double confirmation vous est remboursé aussitôt.`,
      'Vous pouvez aussi bloquer gratuitement et à tout moment les achats de tiers sur votre ligne.',
    ].join('\n'),
  };
}

export function disputeMessage(
  customer: MessageCustomer,
  facts: { caseReference: string; what: string; refundCents: number | null },
) {
  const language = customer.preferred_language === 'en' ? 'en' : 'fr';
  if (language === 'en') {
    return {
      subject: `Your dispute ${facts.caseReference}`,
      body: [
        `Hello ${customer.first_name} ${customer.last_name},`,
        '',
        `We have recorded your dispute of ${facts.what} (case ${facts.caseReference}).`,
        facts.refundCents !== null
          ? `No proof of a double confirmation was supplied: we refund you ${formatEuros(facts.refundCents, 'en')} now. The refund appears on your next bill.`
          : 'An advisor is looking into it and will answer within 5 business days.',
      ].join('\n'),
    };
  }
  return {
    subject: `Votre contestation ${facts.caseReference}`,
    body: [
      `Bonjour ${customer.first_name} ${customer.last_name},`,
      '',
      `Nous avons enregistré votre contestation de ${facts.what} (dossier ${facts.caseReference}).`,
      facts.refundCents !== null
        ? `Aucune preuve de double confirmation n’a été fournie : nous vous remboursons ${formatEuros(facts.refundCents, 'fr')} dès maintenant. Le remboursement figure sur votre prochaine facture.`
        : 'Un conseiller l’examine et vous répond sous 5 jours ouvrés.',
    ].join('\n'),
  };
}

export function reviewDecisionMessage(
  customer: MessageCustomer,
  facts: {
    caseReference: string;
    merchantName: string;
    serviceName: string;
    decision: 'grant' | 'decline';
    amountCents: number | null;
    chargedCents: number;
    reason: string | null;
  },
) {
  const language = customer.preferred_language === 'en' ? 'en' : 'fr';
  const amount = facts.amountCents !== null ? formatEuros(facts.amountCents, language) : '';
  const partial = facts.amountCents !== null && facts.amountCents < facts.chargedCents;
  if (language === 'en') {
    return {
      subject:
        facts.decision === 'grant'
          ? `Your dispute ${facts.caseReference}: refund of ${amount}`
          : `Your dispute ${facts.caseReference}: our answer`,
      body: [
        `Hello ${customer.first_name} ${customer.last_name},`,
        '',
        facts.decision === 'grant'
          ? `We have reviewed your dispute of the ${facts.merchantName} charge “${facts.serviceName}” (case ${facts.caseReference}) and refund you ${amount}${partial ? ` of the ${formatEuros(facts.chargedCents, 'en')} charged` : ''}. The refund appears on your next bill.`
          : `We have reviewed your dispute of the ${facts.merchantName} charge “${facts.serviceName}” (case ${facts.caseReference}) and cannot refund it.`,
        ...(facts.reason ? [`Reason: ${facts.reason}`] : []),
        '',
        'If you disagree, answer this message or write to our complaints service: your case stays in your account.',
      ].join('\n'),
    };
  }
  return {
    subject:
      facts.decision === 'grant'
        ? `Votre contestation ${facts.caseReference} : remboursement de ${amount}`
        : `Votre contestation ${facts.caseReference} : notre réponse`,
    body: [
      `Bonjour ${customer.first_name} ${customer.last_name},`,
      '',
      facts.decision === 'grant'
        ? `Nous avons examiné votre contestation de l’achat « ${facts.serviceName} » chez ${facts.merchantName} (dossier ${facts.caseReference}) et vous remboursons ${amount}${partial ? ` sur les ${formatEuros(facts.chargedCents, 'fr')} facturés` : ''}. Le remboursement figure sur votre prochaine facture.`
        : `Nous avons examiné votre contestation de l’achat « ${facts.serviceName} » chez ${facts.merchantName} (dossier ${facts.caseReference}) et ne pouvons pas le rembourser.`,
      ...(facts.reason ? [`Motif : ${facts.reason}`] : []),
      '',
      'Si vous n’êtes pas d’accord, répondez à ce message ou écrivez à notre service réclamations : votre dossier reste consultable dans votre espace client.',
    ].join('\n'),
  };
}
