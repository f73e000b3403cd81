// SPDX-License-Identifier: EUPL-1.2
// Dutch is the language of the app; English is loaded only when someone switches to it.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import nl from './nl.json';

export const LANGUAGES = ['nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'nl';
const STORAGE_KEY = 'zvh.taal';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof nl };
  }
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

async function ensureLoaded(lng: Language): Promise<void> {
  if (i18n.hasResourceBundle(lng, 'translation')) return;
  if (lng === 'en') {
    const en = await import('./en.json');
    i18n.addResourceBundle('en', 'translation', en.default, true, true);
  }
}

export async function changeLanguage(lng: Language): Promise<void> {
  await ensureLoaded(lng);
  await i18n.changeLanguage(lng);
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

export const currentLanguage = (): Language => (i18n.resolvedLanguage === 'en' ? 'en' : 'nl');

/** Initialise i18next; resolves once the stored language is ready to render. */
export async function initI18n(): Promise<typeof i18n> {
  await i18n.use(initReactI18next).init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: { nl: { translation: nl } },
    interpolation: { escapeValue: false },
    returnNull: false,
    react: { useSuspense: false },
  });
  const lng = storedLanguage();
  if (lng !== DEFAULT_LANGUAGE) await changeLanguage(lng);
  else document.documentElement.lang = DEFAULT_LANGUAGE;
  return i18n;
}

export default i18n;

/** Translate a key built from server data (a code list name); the fallback when it is unknown. */
export function translateOptional(key: string, fallback: string): string {
  if (!i18n.exists(key)) return fallback;
  return (i18n.t as unknown as (k: string) => string)(key);
}
