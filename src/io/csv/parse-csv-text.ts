/**
 * Parses a whole CSV text (RFC 4180, quoted fields may span lines, CRLF or LF, a leading BOM is dropped)
 * into rows of fields, each with the 1-based line on which the row starts.
 */
export function parseCsvText(text: string, delimiter = ','): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let k = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let rowLine = 1;
  let field = '';
  let fields: string[] = [];
  let quoted = false;
  let any = false;
  const endRow = (): void => {
    fields.push(field);
    rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
    any = false;
  };
  for (; k < text.length; k++) {
    const ch = text[k]!;
    if (quoted) {
      if (ch === '"') {
        if (text[k + 1] === '"') {
          field += '"';
          k++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      quoted = true;
      any = true;
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      any = true;
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[k + 1] === '\n') k++;
      if (any || field.length > 0 || fields.length > 0) endRow();
      line++;
      rowLine = line;
    } else {
      field += ch;
      any = true;
    }
  }
  if (any || field.length > 0 || fields.length > 0) endRow();
  return rows;
}
