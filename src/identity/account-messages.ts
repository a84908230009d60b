/** What a person receives to choose a new password, in their language. Pure. */

export interface AccountMessageText {
  subject: string;
  body: string;
}

function duration(minutes: number, language: 'fr' | 'en'): string {
  if (minutes % (24 * 60) === 0) {
    const days = minutes / (24 * 60);
    return language === 'en' ? `${days} day${days > 1 ? 's' : ''}` : `${days} jour${days > 1 ? 's' : ''}`;
  }
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return language === 'en' ? `${hours} hour${hours > 1 ? 's' : ''}` : `${hours} heure${hours > 1 ? 's' : ''}`;
  }
  return `${minutes} minutes`;
}

export function passwordResetText(
  person: { firstName: string; language: 'fr' | 'en' },
  input: { link: string; validMinutes: number },
): AccountMessageText {
  const valid = duration(input.validMinutes, person.language);
  if (person.language === 'en') {
    return {
      subject: 'Choose a new password for your Suivi space',
      body: `Hello ${person.firstName}, someone (probably you) asked to choose a new password for your Suivi space. To do so, open this link, valid for ${valid} and only once:\n\n${input.link}\n\nIf you did not ask for it, ignore this message: your password stays the same.`,
    };
  }
  return {
    subject: 'Choisissez un nouveau mot de passe pour votre espace Suivi',
    body: `Bonjour ${person.firstName}, quelqu’un (sans doute vous) a demandé à choisir un nouveau mot de passe pour votre espace Suivi. Pour le faire, ouvrez ce lien, valable ${valid} et une seule fois :\n\n${input.link}\n\nSi vous n’avez rien demandé, ignorez ce message : votre mot de passe ne change pas.`,
  };
}

/** The sentence added to the welcome after subscribing at the counter. */
export function activationSentence(language: 'fr' | 'en', input: { link: string; validHours: number }): string {
  const valid = duration(input.validHours * 60, language);
  return language === 'en'
    ? `To open your Suivi space, choose your password with this link (valid for ${valid}, once): ${input.link}`
    : `Pour ouvrir votre espace Suivi, choisissez votre mot de passe avec ce lien (valable ${valid}, une seule fois) : ${input.link}`;
}

/** What a customer receives after asking for her online space (“Créer mon espace”): a link to choose her first password. */
export function accountActivationText(
  person: { firstName: string; language: 'fr' | 'en' },
  input: { link: string; validHours: number },
): AccountMessageText {
  const valid = duration(input.validHours * 60, person.language);
  if (person.language === 'en') {
    return {
      subject: 'Open your Suivi space',
      body: `Hello ${person.firstName}, someone (probably you) asked to open your Suivi space, where you follow your lines, bills and requests. To choose your password, open this link, valid for ${valid} and only once:\n\n${input.link}\n\nYou will then log in with this e-mail address. If you did not ask for it, ignore this message: nothing changes until the link is used.`,
    };
  }
  return {
    subject: 'Ouvrez votre espace Suivi',
    body: `Bonjour ${person.firstName}, quelqu’un (sans doute vous) a demandé à ouvrir votre espace Suivi, où vous suivez vos lignes, vos factures et vos demandes. Pour choisir votre mot de passe, ouvrez ce lien, valable ${valid} et une seule fois :\n\n${input.link}\n\nVous vous connecterez ensuite avec cette adresse e-mail. Si vous n’avez rien demandé, ignorez ce message : rien ne change tant que le lien n’est pas utilisé.`,
  };
}
