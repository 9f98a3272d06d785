import { expect, test } from 'vitest';
import { en } from './en.js';
import { ja } from './ja.js';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

test('ja has exactly the keys of en, each with the same {placeholders}', () => {
  expect(Object.keys(ja).sort()).toEqual(Object.keys(en).sort());
  const mismatched = Object.entries(en).filter(([key, text]) => placeholders(text).join() !== placeholders(ja[key as keyof typeof en]).join());
  expect(mismatched.map(([key]) => key)).toEqual([]);
});

test('every Japanese message is translated (no English sentence left in ja.ts)', () => {
  // Messages that may stay in Latin script: units, codes and names.
  const untranslated = Object.entries(ja).filter(([, text]) => /[A-Za-z]{4,}\s+[a-z]{3,}/.test(text.replace(/\{\w+\}/g, '')));
  expect(untranslated.map(([key]) => key)).toEqual([]);
});
