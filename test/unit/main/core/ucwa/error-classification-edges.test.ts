import { describe, expect, it } from 'vitest';
import { classifyError, isAlreadyExists, isPGetReplaced, needsUser } from '../../../../../main/core/ucwa/error-classification';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const http = (status: number, subcode?: string): UcwaError =>
  new UcwaError('http', 'x', { status, ...(subcode !== undefined ? { subcode } : {}) });

describe('classifyError, the cases that decide between retrying and stopping', () => {
  it('an answer over the body or nesting cap is fatal: asking again downloads the same thing', () => {
    expect(classifyError(new UcwaError('malformed', 'x', { cause: 'tooLarge' }))).toBe('fatal');
    expect(classifyError(new UcwaError('malformed', 'x', { cause: 'tooDeep' }))).toBe('fatal');
    expect(needsUser(new UcwaError('malformed', 'x', { cause: 'tooLarge' }))).toBe(true);
  });

  it('a cap cause on a network error is still only a network error (transient)', () => {
    expect(classifyError(new UcwaError('network', 'x', { cause: 'timeout' }))).toBe('transient');
    expect(classifyError(new UcwaError('network', 'x', { cause: 'tooLarge' }))).toBe('transient');
  });

  it('a 410 CannotRedirect is fatal; a 410 without subcode or with another one recreates', () => {
    expect(classifyError(http(410, 'CannotRedirect'))).toBe('fatal');
    expect(classifyError(http(410))).toBe('recreate');
    expect(classifyError(http(410, 'Something'))).toBe('recreate');
  });

  it('the fatal subcodes only matter on a 410', () => {
    expect(classifyError(http(404, 'TooManyApplications'))).toBe('recreate');
    expect(classifyError(http(500, 'TooManyApplications'))).toBe('transient');
  });

  it('an HTTP error without a status is transient', () => {
    expect(classifyError(new UcwaError('http', 'x'))).toBe('transient');
  });

  it('needsUser: a 502 or a 401 is for the engine to fix, not the user', () => {
    expect(needsUser(http(502))).toBe(false);
    expect(needsUser(http(401))).toBe(false);
    expect(needsUser(new Error('403'))).toBe(false);
  });

  it('the 409 subcodes only count on a 409 UcwaError', () => {
    expect(isPGetReplaced(http(410, 'PGetReplaced'))).toBe(false);
    expect(isAlreadyExists(http(400, 'AlreadyExists'))).toBe(false);
    expect(isPGetReplaced(Object.assign(new Error('x'), { status: 409, subcode: 'PGetReplaced' }))).toBe(false);
    expect(isAlreadyExists(Object.assign(new Error('x'), { status: 409, subcode: 'AlreadyExists' }))).toBe(false);
  });
});
