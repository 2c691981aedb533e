/**
 * Two ways of reading CSV back in tests: as RFC 4180 says (strict), and as a spreadsheet
 * reads a file it opens with some separator, which need not be the one the file was written
 * with (Dutch Excel splits on `;`).
 */

/** A strict RFC 4180 reader: quoted fields, doubled quotes, CRLF records. Throws on malformed input. */
export function parseCsv(text: string, separator = ','): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== separator && text[i] !== '\r')
          throw new Error(`text after closing quote at ${i}`);
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      if (field !== '') throw new Error(`quote inside unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === separator) {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break at ${i}: records must end in CRLF`);
    } else {
      field += ch;
      i++;
    }
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || record.length > 0) throw new Error('last record does not end in CRLF');
  return records;
}

/**
 * The cells a spreadsheet sees when it opens the text splitting on `separator`, which need
 * not be the separator it was written with, so it cannot be strict: a quote is special only
 * at the start of a cell (there it opens a quoted part, in which `""` is a quote and a lone
 * `"` closes it); anywhere else a quote is a character, and text after a closing quote runs
 * on in the same cell. CRLF, CR and LF outside a quoted part all end a row. Never throws.
 */
export function readAsSpreadsheet(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let atCellStart = true;
  let quoted = false;
  const endCell = () => {
    row.push(cell);
    cell = '';
    atCellStart = true;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && atCellStart) {
      quoted = true;
      atCellStart = false;
    } else if (ch === separator) {
      endCell();
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else {
      cell += ch;
      atCellStart = false;
    }
  }
  if (!atCellStart || cell !== '' || row.length > 0) {
    endCell();
    rows.push(row);
  }
  return rows;
}

/**
 * CSV records as objects keyed by the header row (read strictly, as parseCsv does). A byte
 * order mark at the start is not part of the first header.
 */
export function csvObjects(text: string, separator = ','): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text.replace(/^\uFEFF/, ''), separator);
  return rows.map((r) => {
    if (r.length !== header.length) throw new Error(`record has ${r.length} fields, header ${header.length}`);
    return Object.fromEntries(header.map((h, i) => [h, r[i]]));
  });
}
