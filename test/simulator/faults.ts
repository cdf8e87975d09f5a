/**
 * Fault injection (`POST /_sim/faults`): for requests matching a method and a case-insensitive
 * path substring, N times, answer with a status, drop, delay, hang, malformed JSON, a resync or
 * resume on the next P-GET, or an invalidated token.
 */
export type Fault =
  | { type: 'status'; status: number; code?: string; subcode?: string; message?: string; retryAfter?: number; challenge?: boolean }
  | { type: 'drop'; afterMs?: number }
  | { type: 'delay'; ms: number }
  | { type: 'hang' }
  | { type: 'malformedJson' }
  | { type: 'resync' }
  | { type: 'resume' }
  | { type: 'invalidateToken' };

export interface FaultRule {
  readonly id: string;
  readonly match: { readonly method?: string; readonly path: string };
  remaining: number;
  readonly fault: Fault;
}

export class FaultSpecError extends Error {}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Validates a fault spec from the control API. Pure. */
export function parseFaultSpec(spec: unknown, id: string): FaultRule {
  if (typeof spec !== 'object' || spec === null) throw new FaultSpecError('fault spec must be an object');
  const s = spec as Record<string, unknown>;
  const match = s['match'];
  if (typeof match !== 'object' || match === null) throw new FaultSpecError('match is required');
  const m = match as Record<string, unknown>;
  if (typeof m['path'] !== 'string') throw new FaultSpecError('match.path must be a string');
  if (m['method'] !== undefined && typeof m['method'] !== 'string') throw new FaultSpecError('match.method must be a string');
  const times = s['times'] === undefined ? 1 : s['times'];
  if (!num(times) || times < 1) throw new FaultSpecError('times must be a positive number');
  const f = s['fault'];
  if (typeof f !== 'object' || f === null) throw new FaultSpecError('fault is required');
  const fr = f as Record<string, unknown>;
  let fault: Fault;
  switch (fr['type']) {
    case 'status': {
      if (!num(fr['status']) || fr['status'] < 100 || fr['status'] > 599) throw new FaultSpecError('fault.status must be an HTTP status');
      const opt = (k: string): string | undefined => (typeof fr[k] === 'string' ? (fr[k] as string) : undefined);
      fault = {
        type: 'status',
        status: fr['status'],
        code: opt('code'),
        subcode: opt('subcode'),
        message: opt('message'),
        retryAfter: num(fr['retryAfter']) ? fr['retryAfter'] : undefined,
        challenge: fr['challenge'] === true,
      };
      break;
    }
    case 'delay':
      if (!num(fr['ms']) || fr['ms'] < 0) throw new FaultSpecError('fault.ms must be a non-negative number');
      fault = { type: 'delay', ms: fr['ms'] };
      break;
    case 'drop':
      if (fr['afterMs'] !== undefined && (!num(fr['afterMs']) || fr['afterMs'] < 0)) throw new FaultSpecError('fault.afterMs must be a non-negative number');
      fault = num(fr['afterMs']) ? { type: 'drop', afterMs: fr['afterMs'] } : { type: 'drop' };
      break;
    case 'hang':
    case 'malformedJson':
    case 'resync':
    case 'resume':
    case 'invalidateToken':
      fault = { type: fr['type'] };
      break;
    default:
      throw new FaultSpecError('unknown fault.type');
  }
  return { id, match: { path: m['path'], ...(typeof m['method'] === 'string' ? { method: m['method'] } : {}) }, remaining: times, fault };
}

/** Does `rule` apply to a request? Pure. */
export function matches(rule: FaultRule, method: string, pathname: string): boolean {
  if (rule.match.method !== undefined && rule.match.method.toUpperCase() !== method.toUpperCase()) return false;
  return pathname.toLowerCase().includes(rule.match.path.toLowerCase());
}

export class FaultStore {
  private rules: FaultRule[] = [];
  private nextId = 1;

  add(spec: unknown): FaultRule {
    const rule = parseFaultSpec(spec, `f${this.nextId}`);
    this.nextId++;
    this.rules.push(rule);
    return rule;
  }

  list(): readonly FaultRule[] {
    return this.rules;
  }

  clear(): void {
    this.rules = [];
  }

  /**
   * Takes (consumes one use of) the first rule matching the request. P-GET directives only
   * apply to event-channel requests, so `isEvents` decides whether those can match.
   */
  take(method: string, pathname: string, isEvents: boolean): Fault | undefined {
    const rule = this.rules.find(
      (r) => matches(r, method, pathname) && (isEvents || (r.fault.type !== 'resync' && r.fault.type !== 'resume')),
    );
    if (!rule) return undefined;
    rule.remaining -= 1;
    if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    return rule.fault;
  }
}
