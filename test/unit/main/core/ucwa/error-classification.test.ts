import { describe, expect, it } from 'vitest';
import { SessionFailure } from '../../../../../main/core/session/session-failure';
import { classifyError, isAlreadyExists, isPGetReplaced, needsUser } from '../../../../../main/core/ucwa/error-classification';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const http = (status: number, subcode?: string): UcwaError =>
  new UcwaError('http', 'x', { status, ...(subcode !== undefined ? { subcode } : {}) });

describe('classifyError', () => {
  it.each([
    [http(401), 'reauth'],
    [http(404, 'ApplicationNotFound'), 'recreate'],
    [http(410, 'InactiveApplicationExpired'), 'recreate'],
    [http(410, 'TooManyApplications'), 'fatal'],
    [http(410, 'UserAgentNotAllowed'), 'fatal'],
    [http(403), 'rediscover'],
    [http(502), 'rediscover'],
    [http(500, 'ServiceFailure'), 'transient'],
    [http(503), 'transient'],
    [http(504), 'transient'],
    [http(408), 'transient'],
    [http(429), 'transient'],
    [http(409, 'PGetReplaced'), 'transient'],
    [new UcwaError('network', 'x', { cause: 'refused' }), 'transient'],
    [new UcwaError('malformed', 'x'), 'transient'],
    [SessionFailure.of('wrongPassword', 'x'), 'fatal'],
    // Anything not typed at a boundary is a programming error, never retried as if transient.
    [new Error('boom'), 'bug'],
    [new TypeError("Cannot read properties of undefined (reading 'href')"), 'bug'],
    ['a thrown string', 'bug'],
  ] as const)('%s → %s', (error, expected) => {
    expect(classifyError(error)).toBe(expected);
  });

  it('needsUser: a 403 or a fatal error, never a transient failure or a vanished application', () => {
    expect(needsUser(http(403))).toBe(true);
    expect(needsUser(SessionFailure.of('wrongPassword', 'x'))).toBe(true);
    expect(needsUser(http(503))).toBe(false);
    expect(needsUser(http(404))).toBe(false);
  });

  it('recognises PGetReplaced and AlreadyExists only with their subcodes', () => {
    expect(isPGetReplaced(http(409, 'PGetReplaced'))).toBe(true);
    expect(isPGetReplaced(http(409, 'AlreadyExists'))).toBe(false);
    expect(isAlreadyExists(http(409, 'AlreadyExists'))).toBe(true);
    expect(isAlreadyExists(http(409))).toBe(false);
  });
});
