import { describe, expect, it } from 'vitest';
import { isUcwaError, UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

describe('UcwaError', () => {
  it('is an Error named UcwaError carrying kind, message, status and subcode', () => {
    const error = new UcwaError('http', 'GET x answered 410', { status: 410, subcode: 'InactiveApplicationExpired', url: 'https://p/x' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('UcwaError');
    expect(String(error)).toBe('UcwaError: GET x answered 410');
    expect([error.kind, error.status, error.subcode, error.details.url]).toEqual(['http', 410, 'InactiveApplicationExpired', 'https://p/x']);
  });

  it('has no status or subcode when none were given', () => {
    const error = new UcwaError('network', 'down');
    expect(error.status).toBeUndefined();
    expect(error.subcode).toBeUndefined();
    expect(error.details).toEqual({});
  });

  it('isUcwaError tells it from look-alikes', () => {
    expect(isUcwaError(new UcwaError('malformed', 'x'))).toBe(true);
    expect(isUcwaError(Object.assign(new Error('x'), { name: 'UcwaError', kind: 'http' }))).toBe(false);
    expect(isUcwaError(undefined)).toBe(false);
  });
});
