// Which kind of text a file is: 'csv', 'ndjson' or 'json', from its name and
// its first bytes (a .json file with one object per line is NDJSON; a file
// of a single line is JSON).
export function sniffKind(head, name = '') {
  const ext = /\.([a-z]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'csv' || ext === 'tsv') return 'csv';
  if (ext === 'ndjson' || ext === 'jsonl') return 'ndjson';
  const text = head.trimStart();
  if (text[0] === '[') return 'json';
  if (text[0] === '{') {
    const newline = text.indexOf('\n');
    // One line only: a JSON document (its records may sit under a key).
    if (newline < 0 || !text.slice(newline).trim()) return 'json';
    try {
      JSON.parse(text.slice(0, newline).trim());
      return 'ndjson';  // a whole object on the first line: one per line
    } catch {
      return 'json';
    }
  }
  return ext === 'json' ? 'json' : 'csv';
}
