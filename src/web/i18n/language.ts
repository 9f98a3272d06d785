/**
 * The workbench language: English or Japanese. The URL parameter `lang=en|ja` wins, then the choice
 * saved in localStorage, then English. Numbers and dates follow the language's locale (en-US, ja-JP).
 */

/** The languages of the workbench. */
export type Language = 'en' | 'ja';

/** All languages, in the order of the language switch. */
export const LANGUAGES: readonly Language[] = ['en', 'ja'];

const STORAGE_KEY = 'clusterlens.lang';
let current: Language = 'en';

/** True for 'en' and 'ja'. */
export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'ja';
}

/** The current language. */
export function language(): Language {
  return current;
}

/** The Intl locale of the current language: "en-US" or "ja-JP". */
export function locale(): string {
  return current === 'ja' ? 'ja-JP' : 'en-US';
}

/** Sets the current language (and, with `persist`, saves it for the next visit). */
export function setLanguage(next: Language, options: { persist?: boolean } = {}): void {
  current = next;
  if (options.persist) {
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private mode or storage disabled: the URL still carries the language.
    }
  }
}

/** The language a page opens in: `lang` from the URL, else the saved choice, else English. */
export function initialLanguage(search: string): Language {
  const fromUrl = new URLSearchParams(search).get('lang');
  if (isLanguage(fromUrl)) return fromUrl;
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (isLanguage(saved)) return saved;
  } catch {
    // ignore
  }
  return 'en';
}
