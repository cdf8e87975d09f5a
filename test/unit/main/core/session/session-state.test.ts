import { describe, expect, it } from 'vitest';
import { SessionFailure } from '../../../../../main/core/session/session-failure';
import { describeError, toSessionError } from '../../../../../main/core/session/session-state';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

describe('session state helpers', () => {
  it('maps failures to reasons a user can act on', () => {
    expect(toSessionError(SessionFailure.of('wrongPassword', 'Wrong.'))).toEqual({ reason: 'wrongPassword', message: 'Wrong.' });
    expect(toSessionError(new UcwaError('http', 'x', { status: 410, subcode: 'TooManyApplications' })).reason).toBe(
      'tooManyApplications',
    );
    expect(toSessionError(new UcwaError('http', 'x', { status: 410, subcode: 'UserAgentNotAllowed' })).reason).toBe(
      'userAgentNotAllowed',
    );
    expect(toSessionError(new UcwaError('http', 'x', { status: 403 })).reason).toBe('forbidden');
    expect(toSessionError(new UcwaError('network', 'x', { cause: 'certificate' })).reason).toBe('certificate');
    expect(toSessionError(new UcwaError('network', 'x', { cause: 'refused' })).reason).toBe('serverUnreachable');
    expect(toSessionError(new UcwaError('malformed', 'x')).reason).toBe('malformedReply');
    expect(toSessionError(new Error('secret=abc')).message).not.toContain('abc');
  });

  it('describes errors without leaking arbitrary exception text', () => {
    expect(describeError(new UcwaError('http', 'GET https://h/p answered 503.'))).toBe('GET https://h/p answered 503.');
    expect(describeError(new Error('password=hunter2'))).toBe('Unexpected error.');
  });

  it('says what to do for each reason, and treats other HTTP failures as unknown', () => {
    const message = (error: unknown): string => toSessionError(error).message;
    expect(message(new UcwaError('network', 'x', { cause: 'certificate' }))).toMatch(/certificate is not trusted; install/);
    expect(message(new UcwaError('http', 'x', { status: 410, subcode: 'TooManyApplications' }))).toMatch(/too many devices; sign out/);
    expect(message(new UcwaError('http', 'x', { status: 403, subcode: 'UserAgentNotAllowed' }))).toMatch(/does not allow this app/);
    expect(message(new UcwaError('http', 'x', { status: 403 }))).toMatch(/refused access for this account/);
    expect(message(new UcwaError('network', 'x', { cause: 'refused' }))).toMatch(/could not be reached; check your network/);
    expect(message(new UcwaError('malformed', 'x'))).toMatch(/does not understand/);
    expect(toSessionError(new UcwaError('http', 'x', { status: 500 }))).toEqual({
      reason: 'unknown',
      message: 'Signing in failed for an unexpected reason; try again later.',
    });
  });

  it('describes a SessionFailure by its message, and names its class', () => {
    const failure = SessionFailure.of('badAddress', 'Type your sign-in address as name@company.com.');
    expect(describeError(failure)).toBe('Type your sign-in address as name@company.com.');
    expect(failure.name).toBe('SessionFailure');
  });
});

describe('toSessionError: answers too large or too deep', () => {
  it('says what the server sent and asks for the administrator; other malformed answers get the general wording', () => {
    const tooLarge = new UcwaError('malformed', 'https://pool.contoso.com/x sent more than 8 MB; not reading it.', { cause: 'tooLarge' });
    const tooDeep = new UcwaError('malformed', 'https://pool.contoso.com/x sent JSON nested deeper than 64 levels.', { cause: 'tooDeep' });
    expect(toSessionError(tooLarge)).toEqual({ reason: 'malformedReply', message: 'https://pool.contoso.com/x sent more than 8 MB; not reading it. Ask your administrator.' });
    expect(toSessionError(tooDeep)).toEqual({ reason: 'malformedReply', message: 'https://pool.contoso.com/x sent JSON nested deeper than 64 levels. Ask your administrator.' });
    for (const other of [new UcwaError('malformed', 'not JSON'), new UcwaError('malformed', 'cut', { cause: 'timeout' })]) {
      expect(toSessionError(other)).toEqual({ reason: 'malformedReply', message: 'The server answered something this app does not understand.' });
    }
    expect(toSessionError(new UcwaError('http', 'big', { status: 500, cause: 'tooLarge' })).reason).not.toBe('malformedReply');
  });
});

