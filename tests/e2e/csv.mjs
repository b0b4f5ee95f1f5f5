// A small RFC 4180 CSV reader for the tests (quoted fields, doubled quotes, CRLF or LF). A cell
// written `="2/19"` (core/src/export.rs keeps it text for Excel) is read as Excel shows it: 2/19.
export function parseCsv(text) {
  return parseRawCsv(text).map((row) => row.map(excelShown));
}

/** What Excel shows for a cell written `="…"`: the text inside. */
export function excelShown(cell) {
  const m = /^="([^"]*)"$/.exec(cell);
  return m ? m[1] : cell;
}

/** The cells as written in the file. */
export function parseRawCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}
