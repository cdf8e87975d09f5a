/**
 * RFC 7235 `WWW-Authenticate` parsing. UCWA answers with two challenges (`Bearer …` and
 * `MsRtcOAuth href="…",grant_type="a,b,c"`) either as two headers or folded into one line; fetch's
 * `Headers.get` joins repeated headers with ", ", so one parser must handle both. Quoted values
 * contain commas (grant types), so splitting on commas is wrong (ucwa-protocol.md §9.15).
 */
export interface AuthChallenge {
  /** Lower-cased scheme, e.g. `msrtcoauth`, `bearer`. */
  readonly scheme: string;
  /** Parameter names lower-cased; values unquoted. */
  readonly params: Readonly<Record<string, string>>;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/** A position in one header text; the readers below advance it. */
interface Cursor {
  readonly input: string;
  i: number;
}

function skipSpace(c: Cursor): void {
  while (c.i < c.input.length && (c.input[c.i] === ' ' || c.input[c.i] === '\t')) c.i++;
}

function readToken(c: Cursor): string {
  const start = c.i;
  while (c.i < c.input.length && TOKEN_CHAR.test(c.input[c.i]!)) c.i++;
  return c.input.slice(start, c.i);
}

/** Reads a quoted string starting at its opening quote, backslash escapes undone. */
function readQuoted(c: Cursor): string {
  c.i++;
  let out = '';
  while (c.i < c.input.length && c.input[c.i] !== '"') {
    if (c.input[c.i] === '\\' && c.i + 1 < c.input.length) c.i++;
    out += c.input[c.i];
    c.i++;
  }
  c.i++; // closing quote (or end)
  return out;
}

/** Looks ahead: is the next thing `token =` (a parameter) rather than a new scheme? */
function paramAhead(c: Cursor): boolean {
  const save = c.i;
  skipSpace(c);
  const name = readToken(c);
  skipSpace(c);
  const isParam = name.length > 0 && c.input[c.i] === '=' && c.input[c.i + 1] !== '=';
  c.i = save;
  return isParam;
}

/** Reads `name=value` pairs into `params` until the next challenge begins or the input ends. */
function readParams(c: Cursor, params: Record<string, string>): void {
  while (c.i < c.input.length) {
    skipSpace(c);
    if (c.input[c.i] === ',') {
      // Empty list elements (`a="1",, b="2"`) are ignored, as HTTP's list rule asks of a recipient.
      while (c.i < c.input.length && (c.input[c.i] === ',' || c.input[c.i] === ' ' || c.input[c.i] === '\t')) c.i++;
      if (!paramAhead(c)) return; // next challenge begins
      continue;
    }
    if (!paramAhead(c)) return;
    skipSpace(c);
    const name = readToken(c).toLowerCase();
    skipSpace(c);
    c.i++; // '='
    skipSpace(c);
    const value = c.input[c.i] === '"' ? readQuoted(c) : readToken(c);
    // Defined, not assigned: a parameter named `__proto__` is data, never the object's prototype.
    Object.defineProperty(params, name, { value, enumerable: true, writable: true, configurable: true });
  }
}

/** Parses one or more header values into challenges; never throws (garbage yields fewer challenges). */
export function parseWwwAuthenticate(headerValues: string | readonly string[]): readonly AuthChallenge[] {
  const c: Cursor = { input: typeof headerValues === 'string' ? headerValues : headerValues.join(', '), i: 0 };
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  while (c.i < c.input.length) {
    skipSpace(c);
    if (c.input[c.i] === ',') {
      c.i++;
      continue;
    }
    const scheme = readToken(c);
    if (scheme.length === 0) {
      c.i++; // skip a stray character
      continue;
    }
    const current = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    challenges.push(current);
    skipSpace(c);
    // token68 form (e.g. `Negotiate abc==`): keep it under the empty name.
    if (c.i < c.input.length && c.input[c.i] !== ',' && !paramAhead(c)) {
      const start = c.i;
      while (c.i < c.input.length && c.input[c.i] !== ',') c.i++;
      current.params[''] = c.input.slice(start, c.i).trim();
      continue;
    }
    readParams(c, current.params);
  }
  return challenges;
}

/** What the MsRtcOAuth challenge advertises: where to get a token and which grants it accepts. */
export interface OAuthChallenge {
  readonly tokenUrl: string;
  readonly grantTypes: readonly string[];
}

/** Finds the `MsRtcOAuth` challenge; its href is resolved against the URL that sent it. */
export function findMsRtcOAuth(challenges: readonly AuthChallenge[], base: string): OAuthChallenge | undefined {
  const challenge = challenges.find((c) => c.scheme === 'msrtcoauth');
  const href = challenge?.params['href'];
  if (challenge === undefined || href === undefined || href.length === 0) return undefined;
  let tokenUrl: string;
  try {
    tokenUrl = new URL(href, base).toString();
  } catch {
    return undefined;
  }
  const grantTypes = (challenge.params['grant_type'] ?? '')
    .split(',')
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
  return { tokenUrl, grantTypes };
}
