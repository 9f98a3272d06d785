/**
 * Splits one CSV line into fields (RFC 4180 quoting: "a,b" and doubled quotes ""). Returns null when a
 * quoted field is not closed on this line (a field spanning lines, or a truncated line).
 */
export function splitCsvLine(line: string, delimiter = ','): string[] | null {
  if (!line.includes('"')) return line.split(delimiter);
  const fields: string[] = [];
  let field = '';
  let k = 0;
  let quoted = false;
  while (k < line.length) {
    const ch = line[k]!;
    if (quoted) {
      if (ch === '"') {
        if (line[k + 1] === '"') {
          field += '"';
          k += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else field += ch;
    k++;
  }
  if (quoted) return null;
  fields.push(field);
  return fields;
}
