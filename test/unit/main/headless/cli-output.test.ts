import { describe, expect, it } from 'vitest';
import { describeChange, formatLine } from '../../../../main/headless/cli-output';
import type { ContactList } from '../../../../shared/models';

const AT = Date.UTC(2026, 10, 23, 12, 0, 5);
const list: ContactList = {
  groups: [
    { id: '1', name: 'Pinned', kind: 'pinned', contactUris: ['sip:ann@contoso.com'] },
    { id: '2', name: 'Empty', kind: 'personal', contactUris: [] },
  ],
  contacts: { 'sip:ann@contoso.com': { uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Busy', note: 'call me' } },
};

describe('formatLine --json', () => {
  it('writes one JSON object per line with a type', () => {
    expect(formatLine({ type: 'session', session: { state: 'online' } }, true)).toBe('{"type":"session","state":"online"}');
    expect(formatLine({ type: 'session', session: { state: 'error', error: { reason: 'wrongPassword', message: 'Wrong password.' } } }, true)).toBe(
      '{"type":"session","state":"error","reason":"wrongPassword","message":"Wrong password."}',
    );
    expect(JSON.parse(formatLine({ type: 'session', session: { state: 'reconnecting', attempt: 2, nextRetryAt: AT, lastError: '503' } }, true))).toEqual({
      type: 'session',
      state: 'reconnecting',
      attempt: 2,
      nextRetryAt: '2026-11-23T12:00:05.000Z',
      lastError: '503',
    });
    expect(formatLine({ type: 'presence', presence: { availability: 'Busy', note: '' } }, true)).toBe('{"type":"presence","availability":"Busy","note":""}');
  });

  it('writes the full contacts snapshot: groups with their contacts', () => {
    expect(JSON.parse(formatLine({ type: 'contacts', list }, true))).toEqual({
      type: 'contacts',
      groups: [
        { id: '1', name: 'Pinned', kind: 'pinned', contacts: [{ uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Busy', note: 'call me' }] },
        { id: '2', name: 'Empty', kind: 'personal', contacts: [] },
      ],
    });
  });

  it('writes changes with kind, names and an ISO time', () => {
    const line = formatLine({ type: 'change', change: { kind: 'groupRenamed', at: AT, group: 'New', previousGroup: 'Old' } }, true);
    expect(JSON.parse(line)).toEqual({ type: 'change', kind: 'groupRenamed', group: 'New', previousGroup: 'Old', at: '2026-11-23T12:00:05.000Z' });
    expect(line).not.toContain('\n');
  });
});

describe('formatLine (readable)', () => {
  it('prints sessions, presence, a snapshot and changes as lines a person reads', () => {
    expect(formatLine({ type: 'session', session: { state: 'error', error: { reason: 'serverUnreachable', message: 'No answer.' } } }, false)).toBe(
      // Worded by the typed reason through the catalog.
      'session: error (serverUnreachable): The server cannot be reached: check your network, proxy and discovery URL, then try again.',
    );
    expect(formatLine({ type: 'presence', presence: { availability: 'DoNotDisturb', note: 'focus' } }, false)).toBe('presence: Do not disturb — "focus"');
    expect(formatLine({ type: 'contacts', list }, false)).toBe('contacts: 2 groups, 1 contact\n  Pinned [pinned]: Ann (Busy)\n  Empty [personal]: (empty)');
    expect(formatLine({ type: 'change', change: { kind: 'contactAdded', at: AT, group: 'Pinned', contact: 'Ann' } }, false)).toBe(
      '12:00:05Z Ann added to Pinned',
    );
  });

  it('describes every change kind', () => {
    const at = 0;
    expect(describeChange({ kind: 'groupAdded', at, group: 'G' })).toBe('Group G added');
    expect(describeChange({ kind: 'groupRemoved', at, group: 'G' })).toBe('Group G removed');
    expect(describeChange({ kind: 'groupRenamed', at, group: 'B', previousGroup: 'A' })).toBe('Group A renamed to B');
    expect(describeChange({ kind: 'contactRemoved', at, group: 'G', contactUri: 'sip:x@y.z' })).toBe('sip:x@y.z removed from G');
    expect(describeChange({ kind: 'contactPresenceChanged', at, contact: 'Ann', availability: 'Away' })).toBe('Ann is now Appear away');
  });
});

describe('server strings in readable output', () => {
  const ESC = '\u001b';
  const hostile: ContactList = {
    groups: [{ id: '1', name: `Team${ESC}]0;pwned${'\u0007'}`, kind: 'personal', contactUris: ['sip:eve@contoso.com'] }],
    contacts: {
      'sip:eve@contoso.com': { uri: 'sip:eve@contoso.com', name: `Eve${ESC}[2J${ESC}[31m\r\nroot# `, availability: 'Online' },
    },
  };

  it.each([
    ['a contacts snapshot', { type: 'contacts', list: hostile } as const, 'contacts: 1 group, 1 contact\n  Team [personal]: Everoot#  (Available)'],
    ['a change', { type: 'change', change: { kind: 'contactAdded', at: AT, contact: `Eve${ESC}[8m`, group: `G${'\u009b'}1m` } } as const, '12:00:05Z Eve added to G1m'],
    ['a note', { type: 'presence', presence: { availability: 'Busy', note: `hi${ESC}[?1049h\u202eevil` } } as const, 'presence: Busy — "hievil"'],
    [
      'a retry reason',
      { type: 'session', session: { state: 'reconnecting', attempt: 1, nextRetryAt: AT, lastError: `x${ESC}[1A` } } as const,
      'session: reconnecting (attempt 1, next try 12:00:05Z): x',
    ],
  ])('strips escape sequences and controls from %s', (_name, line, expected) => {
    const text = formatLine(line, false);
    expect(text).toBe(expected);
    // eslint-disable-next-line no-control-regex
    expect(text.replace(/\n/g, '')).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
  });

  it('keeps JSON output exact (JSON escapes controls itself)', () => {
    const line = formatLine({ type: 'contacts', list: hostile }, true);
    expect(line).not.toContain(ESC);
    expect(JSON.parse(line).groups[0].contacts[0].name).toBe(hostile.contacts['sip:eve@contoso.com']!.name);
  });
});
