import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { PolicyDataError, demonstrationInitiativesPath, parseInitiatives, readInitiatives } from './read-initiatives.js';

describe('readInitiatives', () => {
  test('readInitiatives() reads the shipped demonstration file with the figures the article publishes', () => {
    const f = readInitiatives();
    expect(f.demonstration).toBe(true);
    const meti = f.initiatives.find((i) => i.id === 'meti-industrial-cluster-plan')!;
    const fig = Object.fromEntries(meti.figures.map((x) => [x.id, x]));
    expect(fig.plans!.value).toBe(19);
    expect(fig['budget-initial']!.value).toBe(29.4e9);
    expect(fig['budget-raised']!.value).toBe(52.2e9);
    expect(fig.smes!.value).toBe(3000);
    expect(fig.smes!.status).toBe('expected');
    const mext = f.initiatives.find((i) => i.id === 'mext-knowledge-cluster')!;
    expect(mext.startYear).toBe(2003);
    expect(mext.figures[0]!.value).toBe(10);
    expect(f.initiatives.find((i) => i.id === 'glasgow-joint-economic-strategy')!.startYear).toBe(1999);
    for (const i of f.initiatives) for (const x of i.figures) expect(x.citation).toMatch(/section "/);
  });

  const text = readFileSync(demonstrationInitiativesPath(), 'utf8');
  const broken = (edit: (d: { initiatives: Record<string, unknown>[] }) => void): string => {
    const d = JSON.parse(text) as { initiatives: Record<string, unknown>[] };
    edit(d);
    return JSON.stringify(d, null, 2);
  };

  test('parseInitiatives(text) names the file, the line and the field of a figure without a citation', () => {
    const bad = broken((d) => ((d.initiatives[2]!.figures as unknown[]).push({ id: 'x', label: 'x', value: 1, unit: 'x', year: null, status: 'published', citation: '' })));
    try {
      parseInitiatives(bad, 'my.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PolicyDataError);
      const e = error as PolicyDataError;
      expect(e.field).toBe('initiatives[2].figures[0].citation');
      expect(e.line).toBe(bad.split('\n').findIndex((l) => l.includes('"glasgow-joint-economic-strategy"')) + 1);
      expect(e.message).toMatch(/^my\.json:\d+: initiatives\[2\]/);
    }
  });

  test('parseInitiatives(text) refuses unknown evidence keys, duplicate ids, negative figures and bad JSON', () => {
    expect(() => parseInitiatives(broken((d) => ((d.initiatives[0]!.facts as Record<string, unknown>).guess = { value: 1, citation: 'x' })), 'f')).toThrow(/unknown evidence key/);
    expect(() => parseInitiatives(broken((d) => (d.initiatives[1]!.id = d.initiatives[0]!.id)), 'f')).toThrow(/appears twice/);
    expect(() => parseInitiatives(broken((d) => (((d.initiatives[0]!.figures as Record<string, unknown>[])[0]!.value = -1))), 'f')).toThrow(/≥ 0/);
    expect(() => parseInitiatives('{ "schema": ', 'f')).toThrow(PolicyDataError);
  });
});
