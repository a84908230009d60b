/**
 * Every bill line in plain words, French and English: "Achat chez X le 12/05 à 21:14, confirmé
 * deux fois depuis votre box". Pure: the caller gathers the facts (charge, consent, case).
 */
import { PARIS } from '../calendar/index.js';
import { type ConsentGap, type ConsentRecord, consentGapLabels } from './consent.js';
import { formatEuros } from './money.js';
import type { BillLineKind, ChargeType } from './tables.js';

export type Language = 'fr' | 'en';
export type Words = { fr: string; en: string };

export interface LineFacts {
  kind: BillLineKind;
  label: string;
  details: Record<string, unknown>;
  amountInclVatCents: number;
  periodStart: string;
  periodEnd: string;
  subscription: { kind: 'fixed_box' | 'mobile_line'; number: string | null } | null;
  charge: {
    merchantName: string;
    serviceName: string;
    chargeType: ChargeType;
    occurredAt: Date;
    consent: ConsentRecord | null;
    consentGaps: ConsentGap[];
  } | null;
  /** For refunds and credits: what they pay back and the case that granted them. */
  ledger: {
    createdAt: Date;
    caseReference: string | null;
    refundedCharge: { merchantName: string; occurredAt: Date } | null;
  } | null;
}

const day = (at: Date, language: Language) =>
  new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone: PARIS,
    day: '2-digit',
    month: '2-digit',
  }).format(at);
const time = (at: Date) =>
  new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    at,
  );
const isoDay = (date: string) => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/** "06 12 34 56 78" from "+33612345678"; other numbers as given. */
export function spokenNumber(number: string | null): string {
  if (!number) return '';
  const national = number.startsWith('+33') ? `0${number.slice(3)}` : number;
  return /^\d{10}$/.test(national) ? national.replace(/(\d{2})(?=\d)/g, '$1 ') : national;
}

function lineWords(subscription: LineFacts['subscription']): Words {
  if (!subscription) return { fr: 'votre compte', en: 'your account' };
  const number = spokenNumber(subscription.number);
  return subscription.kind === 'fixed_box'
    ? { fr: `votre box (ligne ${number})`, en: `your box (line ${number})` }
    : { fr: `votre mobile ${number}`, en: `your mobile ${number}` };
}

const channelWords: Record<ConsentRecord['channel'], Words> = {
  box: { fr: 'depuis votre box', en: 'from your box' },
  tv: { fr: 'depuis votre décodeur TV', en: 'from your TV decoder' },
  mobile: { fr: 'depuis votre mobile', en: 'from your mobile' },
  web: { fr: 'sur le web', en: 'on the web' },
  sms: { fr: 'par SMS', en: 'by text message' },
};

function consentWords(charge: NonNullable<LineFacts['charge']>, language: Language): string {
  const consent = charge.consent;
  if (charge.consentGaps.length === 0 && consent) {
    const origin = consent.sourceLine
      ? language === 'fr'
        ? ` (ligne ${spokenNumber(consent.sourceLine)})`
        : ` (line ${spokenNumber(consent.sourceLine)})`
      : consent.sourceIp
        ? language === 'fr'
          ? ` (adresse IP ${consent.sourceIp})`
          : ` (IP address ${consent.sourceIp})`
        : '';
    return language === 'fr'
      ? `confirmé deux fois ${channelWords[consent.channel].fr}${origin}`
      : `confirmed twice ${channelWords[consent.channel].en}${origin}`;
  }
  const gaps = charge.consentGaps.map((gap) => consentGapLabels[gap][language]).join(', ');
  return language === 'fr'
    ? `sans double confirmation valable (${gaps}) : contestez-le, il vous sera remboursé aussitôt`
    : `without a valid double confirmation (${gaps}): dispute it and it is refunded at once`;
}

export function explainLine(facts: LineFacts): Words {
  return { fr: explainIn(facts, 'fr'), en: explainIn(facts, 'en') };
}

function explainIn(facts: LineFacts, language: Language): string {
  const fr = language === 'fr';
  const where = lineWords(facts.subscription)[language];
  const period = fr
    ? `du ${isoDay(facts.periodStart)} au ${isoDay(facts.periodEnd)}`
    : `from ${isoDay(facts.periodStart)} to ${isoDay(facts.periodEnd)}`;
  const units = typeof facts.details.description === 'string' ? facts.details.description : null;
  switch (facts.kind) {
    case 'plan':
      return fr ? `Forfait ${facts.label} pour ${where}, ${period}.` : `${facts.label} plan for ${where}, ${period}.`;
    case 'option':
      return fr
        ? `Option « ${facts.label} » sur ${where}, ${period}.`
        : `“${facts.label}” option on ${where}, ${period}.`;
    case 'equipment':
      return fr
        ? `Location de l’équipement « ${facts.label} » pour ${where}, ${period}.`
        : `Rental of the “${facts.label}” equipment for ${where}, ${period}.`;
    case 'usage':
      return fr
        ? `Consommations hors forfait sur ${where} : ${units ?? facts.label}.`
        : `Usage beyond the plan on ${where}: ${units ?? facts.label}.`;
    case 'one_off':
      return fr ? `Frais ponctuels : ${facts.label}.` : `One-off fee: ${facts.label}.`;
    case 'credit':
      return fr
        ? `Avoir en votre faveur : ${facts.label}${facts.ledger?.caseReference ? ` (dossier ${facts.ledger.caseReference})` : ''}.`
        : `Credit in your favour: ${facts.label}${facts.ledger?.caseReference ? ` (case ${facts.ledger.caseReference})` : ''}.`;
    case 'refund': {
      const refunded = facts.ledger?.refundedCharge;
      const amount = formatEuros(-facts.amountInclVatCents, language);
      const what = refunded
        ? fr
          ? `de l’achat chez ${refunded.merchantName} du ${day(refunded.occurredAt, 'fr')}`
          : `of the purchase from ${refunded.merchantName} on ${day(refunded.occurredAt, 'en')}`
        : facts.label;
      const reference = facts.ledger?.caseReference;
      return fr
        ? `Remboursement de ${amount} ${what}${reference ? `, suite à votre contestation (dossier ${reference})` : ''}.`
        : `Refund of ${amount} ${what}${reference ? `, after your dispute (case ${reference})` : ''}.`;
    }
    case 'third_party': {
      const charge = facts.charge;
      if (!charge) return facts.label;
      const kind =
        charge.chargeType === 'subscription' ? (fr ? 'Abonnement' : 'Subscription') : fr ? 'Achat' : 'Purchase';
      return fr
        ? `${kind} « ${charge.serviceName} » chez ${charge.merchantName} le ${day(charge.occurredAt, 'fr')} à ${time(charge.occurredAt)}, sur ${where}, ${consentWords(charge, 'fr')}.`
        : `${kind} “${charge.serviceName}” from ${charge.merchantName} on ${day(charge.occurredAt, 'en')} at ${time(charge.occurredAt)}, on ${where}, ${consentWords(charge, 'en')}.`;
    }
  }
}
