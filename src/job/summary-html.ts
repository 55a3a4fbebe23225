// The HTML twin of a ticket summary (the job page's and the board's), put on the clipboard
// beside the Markdown so that a paste into Jira, Confluence, Teams or Outlook keeps the tables.
// Read from the Markdown the summaries already write rather than built a second time, so the two
// cannot say different things: the summaries use a small, fixed part of Markdown (headings,
// paragraphs, pipe tables, code spans, the escapes of `cell`), and that part is all this reads.
// Every value becomes a text node of a detached document: nothing reaches the HTML unescaped.

const CELL_STYLE = 'border:1px solid #999;padding:2px 6px;text-align:left;vertical-align:top';
const HEADING_TAGS = { 2: 'h2', 3: 'h3', 4: 'h4' } as const;

/** Splits a table line into its cells, undoing `cell`'s escapes of `\` and `|`. */
export function tableCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  const body = line.trim().replace(/^\|/, '');
  for (let index = 0; index < body.length; index += 1) {
    const char = body[index];
    const next = body[index + 1];
    if (char === '\\' && (next === '\\' || next === '|')) {
      current += next;
      index += 1;
    } else if (char === '|') {
      cells.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim() !== '') cells.push(current.trim());
  return cells;
}

/** Undoes `cell`'s escapes in a heading or a paragraph (a table's cells are undone as split). */
const unescapeCell = (text: string) => text.replace(/\\([\\|])/g, '$1');

const isTableLine = (line: string) => line.trimStart().startsWith('|');
const isDelimiterLine = (line: string) => /^\s*\|(\s*:?-+:?\s*\|)+\s*$/.test(line);

/** A link only for what is surely a web address: nothing else may become an `href`. */
function webAddress(text: string): string | undefined {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Text with its `code spans` as `<code>` and its web addresses as links. */
function appendInline(doc: Document, parent: Element, text: string): void {
  text.split('`').forEach((part, index, parts) => {
    if (part === '') return;
    // An odd part is inside backticks, unless its closing backtick is missing.
    if (index % 2 === 1 && index < parts.length - 1) {
      const code = doc.createElement('code');
      code.setAttribute('style', 'font-family:monospace');
      code.textContent = part;
      parent.append(code);
      return;
    }
    const raw = index % 2 === 1 ? `\`${part}` : part;
    for (const piece of raw.split(/(https?:\/\/\S+)/)) {
      const href = webAddress(piece);
      if (href) {
        const link = doc.createElement('a');
        link.setAttribute('href', href);
        link.textContent = piece;
        parent.append(link);
      } else if (piece !== '') {
        parent.append(doc.createTextNode(piece));
      }
    }
  });
}

function appendTable(doc: Document, parent: Element, lines: readonly string[]): void {
  const [headerLine = '', ...rest] = lines;
  const bodyLines = rest.filter((line) => !isDelimiterLine(line));
  const table = doc.createElement('table');
  table.setAttribute('style', 'border-collapse:collapse');
  const head = doc.createElement('thead');
  const headRow = doc.createElement('tr');
  for (const text of tableCells(headerLine)) {
    const th = doc.createElement('th');
    th.setAttribute('scope', 'col');
    th.setAttribute('style', `${CELL_STYLE};background:#eee`);
    appendInline(doc, th, text);
    headRow.append(th);
  }
  head.append(headRow);
  const body = doc.createElement('tbody');
  for (const line of bodyLines) {
    const tr = doc.createElement('tr');
    for (const text of tableCells(line)) {
      const td = doc.createElement('td');
      td.setAttribute('style', CELL_STYLE);
      appendInline(doc, td, text);
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(head, body);
  parent.append(table);
}

/**
 * The summary's Markdown as self-contained HTML: `##`–`####` headings, paragraphs, and each
 * pipe table as a `<table>` with header cells; code spans as `<code>`, web addresses as links.
 */
export function summaryHtml(markdown: string): string {
  // A document of its own: nothing built here is ever part of the page.
  const doc = document.implementation.createHTMLDocument('');
  const root = doc.createElement('div');
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length;) {
    const line = lines[index] ?? '';
    if (line.trim() === '') {
      index += 1;
      continue;
    }
    if (isTableLine(line)) {
      const table: string[] = [];
      while (index < lines.length && isTableLine(lines[index] ?? '')) {
        table.push(lines[index] ?? '');
        index += 1;
      }
      appendTable(doc, root, table);
      continue;
    }
    const heading = /^(#{2,4}) (.*)$/.exec(line);
    if (heading) {
      const level = (heading[1]?.length ?? 2) as keyof typeof HEADING_TAGS;
      const element = doc.createElement(HEADING_TAGS[level]);
      appendInline(doc, element, unescapeCell(heading[2] ?? ''));
      root.append(element);
      index += 1;
      continue;
    }
    const paragraph: string[] = [];
    while (
      index < lines.length &&
      (lines[index] ?? '').trim() !== '' &&
      !isTableLine(lines[index] ?? '') &&
      !/^#{2,4} /.test(lines[index] ?? '')
    ) {
      paragraph.push(lines[index] ?? '');
      index += 1;
    }
    const p = doc.createElement('p');
    appendInline(doc, p, unescapeCell(paragraph.join(' ')));
    root.append(p);
  }
  return root.outerHTML;
}
