import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import en from './en.json';
import fr from './fr.json';

export type Translations = typeof fr;
// Compile-time completeness check: each file must have every key of the other.
const englishTranslations: Translations = en;
const frenchTranslations: typeof en = fr;

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'suivi.language';

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'fr';
  } catch {
    return 'fr';
  }
}

function applyLanguage(language: string): void {
  document.documentElement.lang = language;
  setApiLanguage(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private browsing may refuse storage; the choice then lasts for the page only.
  }
}

export function currentLanguage(): Language {
  const language = i18next.resolvedLanguage ?? i18next.language;
  return isLanguage(language) ? language : 'fr';
}

export async function initI18n(): Promise<void> {
  const initialLanguage = storedLanguage();
  i18next.on('languageChanged', applyLanguage);
  await i18next.use(initReactI18next).init({
    resources: {
      fr: { translation: frenchTranslations },
      en: { translation: englishTranslations },
    },
    lng: initialLanguage,
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  applyLanguage(initialLanguage);
}

export default i18next;
