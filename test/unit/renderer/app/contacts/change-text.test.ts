import { translator } from '../../../../../shared/i18n';
import { describe, expect, it } from 'vitest';
import { describeChange, formatChangeTime } from '../../../../../renderer/app/contacts/change-text';

describe('describeChange', () => {
  it('says what happened in words', () => {
    expect(describeChange({ kind: 'contactAdded', at: 0, contact: 'Alice Smith', group: 'Project X' })).toBe('Alice Smith added to Project X');
    expect(describeChange({ kind: 'contactRemoved', at: 0, contact: 'Alice Smith', group: 'Project X' })).toBe('Alice Smith removed from Project X');
    expect(describeChange({ kind: 'groupRenamed', at: 0, group: 'Core', previousGroup: 'Team' })).toBe('Group Team renamed to Core');
    expect(describeChange({ kind: 'groupRenamed', at: 0, group: 'Core' })).toBe('Group renamed to Core');
    expect(describeChange({ kind: 'groupAdded', at: 0, group: 'Lunch' })).toBe('Group Lunch added');
    expect(describeChange({ kind: 'groupRemoved', at: 0, group: 'Lunch' })).toBe('Group Lunch removed');
    expect(describeChange({ kind: 'contactPresenceChanged', at: 0, contact: 'Bob', availability: 'Online' })).toBe('Bob is now Available');
    expect(describeChange({ kind: 'contactPresenceChanged', at: 0, contact: 'Bob', availability: 'DoNotDisturb' })).toBe(
      'Bob is now Do not disturb',
    );
  });
  it('falls back to the address or neutral words, never "undefined"', () => {
    expect(describeChange({ kind: 'contactPresenceChanged', at: 0, contactUri: 'sip:bob@contoso.com' })).toBe(
      'sip:bob@contoso.com is now Unknown',
    );
    expect(describeChange({ kind: 'contactAdded', at: 0 })).toBe('A contact added to a group');
  });
});

describe('formatChangeTime', () => {
  const now = new Date(2026, 10, 23, 15, 0).getTime();
  it('shows the clock time for today and adds the weekday for older entries', () => {
    expect(formatChangeTime(new Date(2026, 10, 23, 9, 5).getTime(), now, translator('de'))).toBe('9:05');
    expect(formatChangeTime(new Date(2026, 10, 22, 9, 5).getTime(), now, translator('de'))).toBe('So 9:05');
    expect(formatChangeTime(new Date(2026, 10, 23, 15, 30).getTime(), now, translator('en'))).toMatch(/^3:30\sPM$/);
  });
  it('words changes in the chosen language', () => {
    expect(describeChange({ kind: 'contactPresenceChanged', contact: 'Ana', availability: 'BeRightBack', at: 0 }, translator('pt-BR'))).toBe(
      'Ana agora está Volto Logo',
    );
    expect(describeChange({ kind: 'groupRenamed', group: 'Kern', previousGroup: 'Team', at: 0 }, translator('de'))).toBe(
      'Gruppe Team umbenannt in Kern',
    );
  });
});
