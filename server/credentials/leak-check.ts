import { constants, gunzipSync, inflateSync } from 'node:zlib';

/**
 * Knows the secrets of one request (what the server holds and what it just sent) in every
 * form an upstream could echo them in, and says whether a header, a body or a log field holds
 * one. Whatever holds one is dropped or refused by the caller, never patched: a patched value
 * still says where the secret was and may hold it in a form nobody thought of.
 *
 * Two halves, so that what the text means is checked and not only its bytes:
 *
 * - Forms of each secret, looked for as they are: the plain text and its JSON-escaped text
 *   (with and without `\/`), each of those percent-encoded (component and URI style, upper and
 *   lower case hex, `+` for space), its UTF-8 bytes in hex (upper and lower case), and each in
 *   base64 and base64url at each of the three byte alignments, so that a secret inside a
 *   longer base64 text (a `Basic` header, an echoed header dump) is found too. Every form is
 *   searched for in every answer, so a form is added only for an encoding echoes really use.
 * - Views of the text, each decoding one layer an echo may have put around a form: the
 *   strings and keys of a JSON body (every escape, `\u002B` included, decoded), JavaScript
 *   style escapes in text that is not JSON, HTML character references (named, decimal, hex),
 *   percent escapes, line breaks inside wrapped base64 (64 or 76 columns, PEM or MIME), UTF-16
 *   bytes (LE and BE, both alignments) and gzip or zlib bytes sent without their header.
 *   Views are decoded from views, a few layers deep.
 *
 * Out of reach, by design: an upstream that splits what it echoes (half here, half there) or
 * encrypts it. Bodies are refused on sight of a secret; headers are passed on only from an
 * allow-list with fixed shapes (server/proxy/pass-on.ts), which is the defence there.
 */

/** Shorter values are not looked for: they would match ordinary text (and no IAM allows them). */
export const MIN_SECRET_LENGTH = 6;

/**
 * A short value (a header, a log field) sharing a run this long with a secret holds part of
 * it. Random text shares no 12-character run with a token; a half-echoed token does.
 */
export const FRAGMENT_LENGTH = 12;
const FRAGMENT_WINDOW = 10;
const FRAGMENT_STRIDE = FRAGMENT_LENGTH - FRAGMENT_WINDOW + 1;
/** Longer values are checked for whole forms only (fragments are a check for short fields). */
const MAX_FRAGMENT_CHECKED = 1024;

/** Layers of decoding tried on top of each other, and views kept at most (a hostile body could ask for many). */
const MAX_DECODE_DEPTH = 3;
const MAX_VIEWS = 16;
/** Bytes a sniffed gzip or zlib body may inflate to for the check (a bomb must not blow memory). */
const MAX_SNIFFED_BYTES = 4 * 1024 * 1024;

const BASE64_ALIGNMENTS = [0, 1, 2] as const;

/**
 * The characters of base64(prefix + secret + suffix) that depend on the secret alone, for a
 * prefix of `offset` bytes (any prefix length is one of three alignments modulo 3).
 */
function base64Core(bytes: Buffer, offset: number, url: boolean): string {
  const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString(
    url ? 'base64url' : 'base64',
  );
  const first = Math.ceil((8 * offset) / 6);
  const end = Math.floor((8 * (offset + bytes.length)) / 6);
  return encoded.slice(first, end);
}

function percentForms(encoded: string): string[] {
  const lower = encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());
  return [encoded, lower, encoded.replace(/%20/g, '+'), lower.replace(/%20/g, '+')];
}

/** Every form of one secret that is looked for (deduplicated, longest first). */
export function secretForms(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  // The plain texts an echo may hold, then each of them percent-encoded or in base64.
  const texts = [...new Set([secret, json, json.replace(/\//g, '\\/')])];
  const percent = texts.flatMap((text) => [
    ...percentForms(encodeURIComponent(text)),
    ...percentForms(encodeURI(text)),
  ]);
  const base64 = texts.flatMap((text) => {
    const bytes = Buffer.from(text, 'utf8');
    return BASE64_ALIGNMENTS.flatMap((offset) => [
      base64Core(bytes, offset, false),
      base64Core(bytes, offset, true),
    ]);
  });
  const hex = Buffer.from(secret, 'utf8').toString('hex');
  return [...new Set([...texts, ...percent, ...base64, hex, hex.toUpperCase()])]
    .filter((form) => form.length >= MIN_SECRET_LENGTH)
    .sort((a, b) => b.length - a.length);
}

// Tokens are looked for on every poll; their forms are worked out once per value.
const FORMS_CACHE_SIZE = 256;
const formsCache = new Map<string, readonly string[]>();

function cachedForms(secret: string): readonly string[] {
  let forms = formsCache.get(secret);
  if (!forms) {
    forms = secretForms(secret);
    if (formsCache.size >= FORMS_CACHE_SIZE) {
      const oldest = formsCache.keys().next().value;
      if (oldest !== undefined) formsCache.delete(oldest);
    }
    formsCache.set(secret, forms);
  }
  return forms;
}

// --- Views: one decoded layer each. Each returns undefined when its layer is not there. ---

/** Every string and key of a JSON text, escapes decoded, one a line. */
function jsonStrings(text: string): string | undefined {
  // Without a backslash every JSON string is already a verbatim part of the text.
  if (!text.includes('\\')) return undefined;
  const first = /\S/.exec(text)?.[0];
  if (first !== '{' && first !== '[' && first !== '"') return undefined;
  const strings: string[] = [];
  try {
    JSON.parse(text, (key, value: unknown) => {
      if (key) strings.push(key);
      if (typeof value === 'string') strings.push(value);
      return value;
    });
  } catch {
    return undefined; // not JSON after all: the escapes view reads it
  }
  return strings.join('\n');
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  v: '\v',
  '0': '\0',
};
const ESCAPE =
  /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|(x[0-9a-fA-F]{2}(?:\\x[0-9a-fA-F]{2})*)|([^]))/g;
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `\xNN` runs are bytes in C and Python (`b'\xc3\xa9'`) but characters in JavaScript
 * (`'\xe9'`): read as UTF-8 where they are UTF-8, else one character each.
 */
function escapedBytes(run: string): string {
  const bytes = Buffer.from(run.replace(/\\?x/g, ''), 'hex');
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** JavaScript, JSON, C and Python style escapes decoded where they stand (a debug page, a JS body, broken JSON). */
function unescaped(text: string): string | undefined {
  if (!text.includes('\\')) return undefined;
  return text.replace(
    ESCAPE,
    (_all, braced?: string, unit?: string, bytes?: string, other?: string) => {
      if (braced !== undefined) return codePoint(parseInt(braced, 16));
      if (unit !== undefined) return String.fromCharCode(parseInt(unit, 16));
      if (bytes !== undefined) return escapedBytes(bytes);
      return SIMPLE_ESCAPES[other ?? ''] ?? other ?? '';
    },
  );
}

function codePoint(value: number): string {
  return value <= 0x10ffff ? String.fromCodePoint(value) : '\ufffd';
}

/**
 * Named character references for every character a token or a typed password may hold:
 * the ASCII punctuation (HTML5 names) and Latin-1 (HTML 4 names, in code point order from
 * U+00A0). Names for other characters are left alone; numeric references cover everything.
 */
const LATIN1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml';
const ASCII_NAMES: Readonly<Record<string, string>> = {
  Tab: '\t',
  NewLine: '\n',
  excl: '!',
  quot: '"',
  QUOT: '"',
  num: '#',
  dollar: '$',
  percnt: '%',
  amp: '&',
  AMP: '&',
  apos: "'",
  lpar: '(',
  rpar: ')',
  ast: '*',
  midast: '*',
  plus: '+',
  comma: ',',
  period: '.',
  sol: '/',
  colon: ':',
  semi: ';',
  lt: '<',
  LT: '<',
  equals: '=',
  gt: '>',
  GT: '>',
  quest: '?',
  commat: '@',
  lsqb: '[',
  lbrack: '[',
  bsol: '\\',
  rsqb: ']',
  rbrack: ']',
  Hat: '^',
  lowbar: '_',
  UnderBar: '_',
  grave: '`',
  DiacriticalGrave: '`',
  lcub: '{',
  lbrace: '{',
  verbar: '|',
  vert: '|',
  VerticalLine: '|',
  rcub: '}',
  rbrace: '}',
};
export const NAMED_REFERENCES: ReadonlyMap<string, string> = new Map([
  ...Object.entries(ASCII_NAMES),
  ...LATIN1_NAMES.split(' ').map(
    (name, index) => [name, String.fromCharCode(0xa0 + index)] as const,
  ),
]);
const REFERENCE = /&(?:#[xX]([0-9a-fA-F]{1,8})|#([0-9]{1,10})|([A-Za-z][A-Za-z0-9]{1,31}));?/g;

/** HTML character references decoded (the semicolon optional, as browsers read them). */
function htmlDecoded(text: string): string | undefined {
  if (!text.includes('&')) return undefined;
  return text.replace(REFERENCE, (all, hex?: string, decimal?: string, name?: string) => {
    if (hex !== undefined) return codePoint(parseInt(hex, 16));
    if (decimal !== undefined) return codePoint(parseInt(decimal, 10));
    return NAMED_REFERENCES.get(name ?? '') ?? all;
  });
}

const PERCENT_RUN = /(?:%[0-9a-fA-F]{2})+/g;

/** Percent escapes decoded, whichever characters were escaped (an encoder may escape them all). */
function percentDecoded(text: string): string | undefined {
  if (!text.includes('%')) return undefined;
  return text.replace(PERCENT_RUN, (run) =>
    Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'),
  );
}

/** Line breaks (and the indentation after them) removed: base64 wrapped at 64 or 76 columns reads whole. */
function unwrapped(text: string): string | undefined {
  if (!text.includes('\n') && !text.includes('\r')) return undefined;
  return text.replace(/\r?\n[ \t]*|\r/g, '');
}

const DECODERS = [jsonStrings, unescaped, htmlDecoded, percentDecoded, unwrapped] as const;

/** Other ways bytes can be read as text: UTF-16 at both alignments when they hold NUL bytes, inflated. */
function otherTexts(bytes: Buffer): string[] {
  const texts: string[] = [];
  const sniffed = sniffCompressed(bytes);
  if (sniffed) texts.push(sniffed.toString('utf8'));
  if (bytes.includes(0)) {
    for (const offset of [0, 1]) {
      const aligned = bytes.subarray(offset, offset + ((bytes.length - offset) & ~1));
      texts.push(aligned.toString('utf16le'), Buffer.from(aligned).swap16().toString('utf16le'));
    }
  }
  return texts;
}

/**
 * gzip or zlib bytes the upstream sent without saying so (a Content-Encoding dropped on the
 * way): the page's script could still inflate them. Raw deflate and brotli carry no header
 * to recognise them by and are out of reach here (server/net/http-client.ts decodes them when
 * they are declared).
 */
function sniffCompressed(bytes: Buffer): Buffer | undefined {
  const [first, second] = bytes;
  if (first === undefined || second === undefined) return undefined;
  const gzip = first === 0x1f && second === 0x8b;
  const zlib = (first & 0x0f) === 8 && first >> 4 <= 7 && ((first << 8) | second) % 31 === 0;
  if (!gzip && !zlib) return undefined;
  try {
    return (gzip ? gunzipSync : inflateSync)(bytes, {
      maxOutputLength: MAX_SNIFFED_BYTES,
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch {
    return undefined; // not compressed after all, or larger than the check reads
  }
}

/** Any character that starts a layer one of the decoders reads. */
const LAYERED = /[\\&%\r\n]/;

/** The decoded views of the texts (not the texts themselves), breadth first, a bounded number. */
function* decodedViews(texts: readonly string[]): Generator<string> {
  const seen = new Set<string>(texts);
  let layer = texts.filter((text) => LAYERED.test(text));
  for (let depth = 0; depth < MAX_DECODE_DEPTH && layer.length > 0; depth += 1) {
    const next: string[] = [];
    for (const text of layer) {
      for (const decode of DECODERS) {
        const decoded = decode(text);
        if (decoded === undefined || seen.has(decoded)) continue;
        if (seen.size >= MAX_VIEWS) return;
        seen.add(decoded);
        next.push(decoded);
        yield decoded;
      }
    }
    layer = next;
  }
}

export interface LeakCheck {
  /** Whether the value holds any form of any secret, read as it is or decoded. */
  holdsSecret(value: string | Buffer): boolean;
  /**
   * Whether a short value (a header, a log field) holds a secret or any part of one
   * (`FRAGMENT_LENGTH` characters of it or more): a half-echoed token.
   */
  holdsPart(value: string): boolean;
  /** The same check with more secrets (those a request sent). */
  with(secrets: Iterable<string>): LeakCheck;
}

export function leakCheck(secrets: Iterable<string>): LeakCheck {
  const values = [...new Set(secrets)].filter((secret) => secret.length >= MIN_SECRET_LENGTH);
  const forms = values.flatMap((secret) => cachedForms(secret));
  const holdsForm = (text: string) =>
    forms.some((form) => form.length <= text.length && text.includes(form));
  const holdsSecret = (value: string | Buffer): boolean => {
    if (forms.length === 0 || value.length < MIN_SECRET_LENGTH) return false;
    // A secret's bytes are valid UTF-8, so they decode unchanged whatever surrounds them.
    const text = typeof value === 'string' ? value : value.toString('utf8');
    if (holdsForm(text)) return true;
    const others = typeof value === 'string' ? [] : otherTexts(value);
    if (others.some(holdsForm)) return true;
    // Most answers (a compact JSON job) have no layer to decode: one scan says so.
    if (others.length === 0 && !LAYERED.test(text)) return false;
    for (const view of decodedViews([text, ...others])) if (holdsForm(view)) return true;
    return false;
  };
  return {
    holdsSecret,
    holdsPart: (value) => {
      if (holdsSecret(value)) return true;
      if (value.length < FRAGMENT_WINDOW || value.length > MAX_FRAGMENT_CHECKED) return false;
      // Windows at a stride: any run of FRAGMENT_LENGTH shared characters covers one of them.
      for (let start = 0; start + FRAGMENT_WINDOW <= value.length; start += FRAGMENT_STRIDE) {
        const window = value.slice(start, start + FRAGMENT_WINDOW);
        if (values.some((secret) => secret.length >= FRAGMENT_LENGTH && secret.includes(window)))
          return true;
      }
      return false;
    },
    with: (more) => leakCheck([...values, ...more]),
  };
}

export const NO_SECRETS: LeakCheck = leakCheck([]);

const SIGNATURE = /Signature=([^,\s]+)/;

/** The secret parts of the credential headers a provider added to one upstream request. */
export function sentSecrets(headers: Readonly<Record<string, string>>): string[] {
  const sent: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === 'x-auth-token') sent.push(value);
    if (lower === 'authorization') {
      sent.push(value);
      const signature = SIGNATURE.exec(value)?.[1];
      if (signature) sent.push(signature);
    }
  }
  return sent;
}
