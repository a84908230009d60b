/**
 * Messages to a customer from the shop and the community (appointment reminders, loan reminders,
 * waiting-list promotions, idea status): the channel they prefer when we can reach them on it,
 * in their language. Pure; the callers enqueue through src/outbox in their own transaction.
 */
import { PARIS } from '../calendar/index.js';
import { activationSentence } from '../identity/account-messages.js';
import type { MessageChannel } from '../outbox/tables.js';

export interface Addressee {
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  preferred_channel: 'email' | 'sms' | 'phone' | 'letter';
  preferred_language: 'fr' | 'en';
  address_line1: string;
  address_line2: string | null;
  postcode: string;
  city: string;
}

/** SMS when preferred and possible, a letter when preferred, else e-mail, SMS, letter in that order. */
export function recipientFor(customer: Addressee): { channel: MessageChannel; recipient: string } {
  const letter = () => ({
    channel: 'letter' as const,
    recipient: [
      `${customer.first_name} ${customer.last_name}`,
      customer.address_line1,
      customer.address_line2,
      `${customer.postcode} ${customer.city}`,
    ]
      .filter(Boolean)
      .join('\n'),
  });
  if (customer.preferred_channel === 'sms' && customer.phone) return { channel: 'sms', recipient: customer.phone };
  if (customer.preferred_channel === 'letter') return letter();
  if (customer.email) return { channel: 'email', recipient: customer.email };
  if (customer.phone) return { channel: 'sms', recipient: customer.phone };
  return letter();
}

const locales = { fr: 'fr-FR', en: 'en-GB' } as const;

/** "mardi 22 décembre 2026 à 10:00" in Paris time. */
export function spokenDateTime(at: Date, language: 'fr' | 'en', withTime = true): string {
  return new Intl.DateTimeFormat(locales[language], {
    timeZone: PARIS,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  }).format(at);
}

export interface Text {
  subject: string;
  body: string;
}

const purposeWords = {
  subscription: { fr: 'souscription', en: 'subscription' },
  device_swap: { fr: 'échange de box', en: 'box swap' },
  help: { fr: 'aide', en: 'help' },
} as const;

export function appointmentReminderText(
  customer: Addressee,
  input: { shopName: string; address: string; startsAt: Date; purpose: keyof typeof purposeWords },
): Text {
  const lang = customer.preferred_language;
  const when = spokenDateTime(input.startsAt, lang);
  if (lang === 'en') {
    return {
      subject: `Reminder: your appointment at ${input.shopName}`,
      body: `Hello ${customer.first_name}, this is a reminder of your appointment (${purposeWords[input.purpose].en}) at ${input.shopName}, ${input.address}, on ${when}. To cancel, go to "Appointments" in your Suivi space.`,
    };
  }
  return {
    subject: `Rappel : votre rendez-vous à la ${input.shopName}`,
    body: `Bonjour ${customer.first_name}, nous vous rappelons votre rendez-vous (${purposeWords[input.purpose].fr}) à la ${input.shopName}, ${input.address}, le ${when}. Pour l’annuler, rendez-vous dans « Rendez-vous » de votre espace Suivi.`,
  };
}

export function loanOverdueText(customer: Addressee, input: { itemName: string; dueAt: Date; shopName: string }): Text {
  const lang = customer.preferred_language;
  const due = spokenDateTime(input.dueAt, lang, false);
  if (lang === 'en') {
    return {
      subject: `Please return "${input.itemName}"`,
      body: `Hello ${customer.first_name}, "${input.itemName}" borrowed from ${input.shopName} was due back on ${due}. Please bring it back so that other members can use it.`,
    };
  }
  return {
    subject: `Merci de rapporter « ${input.itemName} »`,
    body: `Bonjour ${customer.first_name}, « ${input.itemName} » emprunté à la ${input.shopName} devait être rendu le ${due}. Merci de le rapporter pour que d’autres membres puissent l’utiliser.`,
  };
}

const euros = (cents: number, lang: 'fr' | 'en') =>
  new Intl.NumberFormat(locales[lang], { style: 'currency', currency: 'EUR' }).format(cents / 100);

const marketingWords = {
  marketing_phone: { fr: 'appels', en: 'calls' },
  marketing_sms: { fr: 'SMS', en: 'text messages' },
  marketing_email: { fr: 'e-mails', en: 'e-mails' },
} as const;

/** The welcome after subscribing at the counter: references, what was signed and the marketing choices. */
export function welcomeText(
  customer: Addressee,
  input: {
    shopName: string;
    customerReference: string;
    lineReference: string;
    plan: string;
    monthlyPriceCents: number;
    marketingGranted: Array<keyof typeof marketingWords>;
    /** The link to choose a first password, for a customer whose online account was just created. */
    activation?: { link: string; validHours: number };
  },
): Text {
  const lang = customer.preferred_language;
  const price = euros(input.monthlyPriceCents, lang);
  const granted = input.marketingGranted.map((purpose) => marketingWords[purpose][lang]);
  const space = input.activation ? `\n\n${activationSentence(lang, input.activation)}` : '';
  if (lang === 'en') {
    const choice = granted.length
      ? `You agreed to receive our offers by ${granted.join(', ')}.`
      : 'You did not agree to receive offers: we will not call you to sell.';
    return {
      subject: `Welcome: your line ${input.lineReference}`,
      body: `Hello ${customer.first_name}, welcome. At ${input.shopName} you subscribed to "${input.plan}" (${price} a month). Your customer reference is ${input.customerReference} and your line ${input.lineReference}; it is being activated and we will tell you when it is ready. ${choice} You can change this at any time in your Suivi space or by telling an advisor.${space}`,
    };
  }
  const choice = granted.length
    ? `Vous avez accepté de recevoir nos offres par ${granted.join(', ')}.`
    : 'Vous n’avez pas accepté de recevoir d’offres : nous ne vous appellerons pas pour vous vendre quoi que ce soit.';
  return {
    subject: `Bienvenue : votre ligne ${input.lineReference}`,
    body: `Bonjour ${customer.first_name}, bienvenue. À la ${input.shopName}, vous avez souscrit « ${input.plan} » (${price} par mois). Votre référence client est ${input.customerReference} et votre ligne ${input.lineReference} ; elle est en cours d’activation et nous vous préviendrons dès qu’elle sera prête. ${choice} Vous pouvez changer d’avis à tout moment dans votre espace Suivi ou en le disant à un conseiller.${space}`,
  };
}
