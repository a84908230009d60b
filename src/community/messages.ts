/** Texts to community members (pure): a seat freed on an event, an idea's new status. */
import type { Addressee, Text } from '../shops/notify.js';
import { spokenDateTime } from '../shops/notify.js';
import type { IdeaStatus } from './tables.js';

export function promotedText(customer: Addressee, event: { title: string; startsAt: Date }): Text {
  const lang = customer.preferred_language;
  const when = spokenDateTime(event.startsAt, lang);
  if (lang === 'en') {
    return {
      subject: `A seat is yours: ${event.title}`,
      body: `Hello ${customer.first_name}, a seat became free and you were first on the waiting list: you are now registered for "${event.title}" on ${when}. If you cannot come, please cancel so that someone else can.`,
    };
  }
  return {
    subject: `Une place s’est libérée : ${event.title}`,
    body: `Bonjour ${customer.first_name}, une place s’est libérée et vous étiez en tête de la liste d’attente : vous êtes inscrit(e) à « ${event.title} » le ${when}. Si vous ne pouvez pas venir, merci d’annuler pour laisser la place.`,
  };
}

export const ideaStatusLabels: Record<IdeaStatus, { fr: string; en: string }> = {
  proposed: { fr: 'Proposée', en: 'Proposed' },
  under_study: { fr: 'À l’étude', en: 'Under study' },
  planned: { fr: 'Prévue', en: 'Planned' },
  released: { fr: 'Disponible', en: 'Released' },
  declined: { fr: 'Non retenue', en: 'Declined' },
};

export function ideaStatusText(
  customer: Addressee,
  idea: { title: string; status: IdeaStatus; reason: string | null },
): Text {
  const lang = customer.preferred_language;
  const label = ideaStatusLabels[idea.status][lang];
  const why = idea.reason ? (lang === 'en' ? ` Reason: ${idea.reason}` : ` Motif : ${idea.reason}`) : '';
  if (lang === 'en') {
    return {
      subject: `Your idea "${idea.title}": ${label}`,
      body: `Hello ${customer.first_name}, your idea "${idea.title}" is now: ${label}.${why} Follow it on the ideas board in your Suivi space.`,
    };
  }
  return {
    subject: `Votre idée « ${idea.title} » : ${label}`,
    body: `Bonjour ${customer.first_name}, votre idée « ${idea.title} » a un nouveau statut : ${label}.${why} Suivez-la sur la boîte à idées de votre espace Suivi.`,
  };
}
