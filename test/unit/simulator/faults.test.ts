import { describe, expect, it } from 'vitest';
import { FaultSpecError, FaultStore, matches, parseFaultSpec } from '../../simulator/faults';

describe('fault specs', () => {
  it('parses a status fault with retryAfter and defaults times to 1', () => {
    const rule = parseFaultSpec({ match: { method: 'GET', path: 'events' }, fault: { type: 'status', status: 503, code: 'ServiceUnavailable', retryAfter: 2 } }, 'f1');
    expect(rule).toMatchObject({ id: 'f1', remaining: 1, fault: { type: 'status', status: 503, code: 'ServiceUnavailable', retryAfter: 2 } });
  });

  it('rejects unknown types and bad numbers', () => {
    expect(() => parseFaultSpec({ match: { path: 'x' }, fault: { type: 'explode' } }, 'f')).toThrow(FaultSpecError);
    expect(() => parseFaultSpec({ match: { path: 'x' }, fault: { type: 'delay', ms: -1 } }, 'f')).toThrow(FaultSpecError);
    expect(() => parseFaultSpec({ match: {}, fault: { type: 'drop' } }, 'f')).toThrow(FaultSpecError);
  });

  it('matches a case-insensitive path substring and an optional method', () => {
    const rule = parseFaultSpec({ match: { method: 'get', path: 'EVENTS' }, fault: { type: 'drop' } }, 'f');
    expect(matches(rule, 'GET', '/ucwa/oauth/v1/applications/1/events')).toBe(true);
    expect(matches(rule, 'POST', '/ucwa/oauth/v1/applications/1/events')).toBe(false);
    expect(matches(rule, 'GET', '/ucwa/oauth/v1/applications/1/me')).toBe(false);
  });
});

describe('FaultStore', () => {
  it('consumes a rule N times, then lets requests through', () => {
    const store = new FaultStore();
    store.add({ match: { path: 'me' }, times: 2, fault: { type: 'hang' } });
    expect(store.take('GET', '/a/me', false)?.type).toBe('hang');
    expect(store.take('GET', '/a/me', false)?.type).toBe('hang');
    expect(store.take('GET', '/a/me', false)).toBeUndefined();
  });

  it('keeps resync/resume for event-channel requests only', () => {
    const store = new FaultStore();
    store.add({ match: { path: '/' }, fault: { type: 'resume' } });
    expect(store.take('POST', '/a/me/presence', false)).toBeUndefined();
    expect(store.take('GET', '/a/events', true)?.type).toBe('resume');
  });
});
