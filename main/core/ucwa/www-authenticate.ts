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

/** Parses one or more header values into challenges; never throws (garbage yields fewer challenges). */
export function parseWwwAuthenticate(headerValues: string | readonly string[]): readonly AuthChallenge[] {
  const input = typeof headerValues === 'string' ? headerValues : headerValues.join(', ');
  const challenges: { scheme: string; params: Record<string, string> }[] = [];
  let i = 0;

  const skipSpace = (): void => {
    while (i < input.length && (input[i] === ' ' || input[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < input.length && TOKEN_CHAR.test(input[i]!)) i++;
    return input.slice(start, i);
  };
  const readQuoted = (): string => {
    // input[i] === '"'
    i++;
    let out = '';
    while (i < input.length && input[i] !== '"') {
      if (input[i] === '\\' && i + 1 < input.length) i++;
      out += input[i];
      i++;
    }
    i++; // closing quote (or end)
    return out;
  };
  /** Looks ahead: is the next thing `token =` (a parameter) rather than a new scheme? */
  const paramAhead = (): boolean => {
    const save = i;
    skipSpace();
    const name = readToken();
    skipSpace();
    const isParam = name.length > 0 && input[i] === '=' && input[i + 1] !== '=';
    i = save;
    return isParam;
  };

  while (i < input.length) {
    skipSpace();
    if (input[i] === ',') {
      i++;
      continue;
    }
    const scheme = readToken();
    if (scheme.length === 0) {
      i++; // skip a stray character
      continue;
    }
    const current = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> };
    challenges.push(current);
    skipSpace();
    // token68 form (e.g. `Negotiate abc==`): keep it under the empty name.
    if (i < input.length && input[i] !== ',' && !paramAhead()) {
      const start = i;
      while (i < input.length && input[i] !== ',') i++;
      current.params[''] = input.slice(start, i).trim();
      continue;
    }
    while (i < input.length) {
      skipSpace();
      if (input[i] === ',') {
        i++;
        if (!paramAhead()) break; // next challenge begins
        continue;
      }
      if (!paramAhead()) break;
      skipSpace();
      const name = readToken().toLowerCase();
      skipSpace();
      i++; // '='
      skipSpace();
      const value = input[i] === '"' ? readQuoted() : readToken();
      current.params[name] = value;
    }
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
