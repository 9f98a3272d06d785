/** The value after a flag of a benchmark's command line (`--seconds 10` → "10"), or undefined. */
export function argument(args: readonly string[], name: string): string | undefined {
  const k = args.indexOf(name);
  return k >= 0 ? args[k + 1] : undefined;
}
