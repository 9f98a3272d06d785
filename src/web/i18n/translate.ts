/**
 * Message lookup for the workbench: `t('key', { name: 'Washington' })` returns the current language's
 * message with `{name}` filled in. Every message lives in the catalogues en.ts and ja.ts; ja.ts is typed
 * against en.ts, so a missing Japanese message fails the type check.
 */
import { en, type MessageKey } from './en.js';
import { ja } from './ja.js';
import { language } from './language.js';

/** Values substituted for `{placeholders}`. */
export type MessageParams = Readonly<Record<string, string | number>>;

/** The current language's message for `key`, with `{placeholders}` replaced by `params`. */
export function t(key: MessageKey, params: MessageParams = {}): string {
  const template: string = (language() === 'ja' ? ja : en)[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}
