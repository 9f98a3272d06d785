/**
 * ClusterLens' rule for calling a target a high-technology field: its name contains one of these words
 * (case-insensitive, whole words). The list follows the Eurostat/OECD high-technology aggregates
 * (pharmaceuticals; computer, electronic and optical products; aircraft and spacecraft; telecommunications,
 * computer programming and information services, scientific R&D) plus biotechnology and life sciences.
 * See docs/methods/cluster-policy-assessment.md.
 */
export const highTechFieldWords: readonly string[] = Object.freeze([
  'biotechnology',
  'biopharmaceuticals',
  'pharmaceutical',
  'pharmaceuticals',
  'life sciences',
  'ict',
  'it',
  'information technology',
  'software',
  'electronics',
  'optoelectronics',
  'semiconductor',
  'semiconductors',
  'aerospace',
  'communications equipment',
  'telecommunications',
  'analytical instruments',
  'medical devices',
]);

/** True when a target's name matches {@link highTechFieldWords}. */
export function isHighTechField(name: string): boolean {
  const n = ` ${name.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  return highTechFieldWords.some((w) => n.includes(` ${w} `));
}
