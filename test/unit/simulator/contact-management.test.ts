import { describe, expect, it } from 'vitest';
import { checkContactUri, checkGroupName, countedGroups, groupEtag } from '../../simulator/contact-management';
import type { Group } from '../../simulator/directory';
import { UcwaError } from '../../simulator/errors';
import { normalisePhone } from '../../simulator/me-routes';

const group = (id: string, name: string, kind: Group['kind']): Group => ({ id, name, kind, uri: undefined, contacts: [], version: 1 });
const groups = [group('1', 'Pinned Contacts', 'pinned'), group('2', 'Other Contacts', 'default'), group('3', 'Team', 'personal'), group('4', 'DL', 'distribution')];

const errorOf = (f: () => unknown): UcwaError => {
  try {
    f();
  } catch (e) {
    if (e instanceof UcwaError) return e;
  }
  throw new Error('no UcwaError thrown');
};

describe('checkGroupName', () => {
  it('trims, and refuses empty, over-long and already used names (any case)', () => {
    expect(checkGroupName('  Falcon ', groups)).toBe('Falcon');
    expect(checkGroupName('x'.repeat(256), groups)).toHaveLength(256);
    expect(errorOf(() => checkGroupName(' ', groups)).subcode).toBe('ParameterValidationFailure');
    expect(errorOf(() => checkGroupName('x'.repeat(257), groups)).status).toBe(400);
    expect(errorOf(() => checkGroupName('team', groups)).subcode).toBe('AlreadyExists');
    expect(checkGroupName('TEAM', groups, groups[2])).toBe('TEAM');
  });
});

describe('checkContactUri', () => {
  it('accepts SIP addresses with or without sip:, refuses the rest', () => {
    expect(checkContactUri('SIP:Sara@Contoso.com')).toBe('sip:sara@contoso.com');
    expect(checkContactUri('sara@contoso.com')).toBe('sip:sara@contoso.com');
    for (const bad of [undefined, '', 'sara', 'a@b@c', 'tel:+1555', `sip:${'a'.repeat(240)}@contoso.com`]) {
      expect(errorOf(() => checkContactUri(bad)).status, String(bad)).toBe(400);
    }
  });
});

describe('limits and versions', () => {
  it('counts personal groups and DLs against the group limit, not the system groups', () => {
    expect(countedGroups(groups)).toBe(2);
  });

  it('changes the group ETag with the version', () => {
    const g = group('7', 'x', 'personal');
    const before = groupEtag(g);
    g.version += 1;
    expect(groupEtag(g)).not.toBe(before);
  });
});

describe('normalisePhone', () => {
  it('normalises to tel: with digits and a leading + kept; undefined for text', () => {
    expect(normalisePhone('+1 (425) 555-0199')).toBe('tel:+14255550199');
    expect(normalisePhone('tel:4255550199')).toBe('tel:4255550199');
    expect(normalisePhone('call me')).toBeUndefined();
    expect(normalisePhone('12')).toBeUndefined();
  });
});
