import { describe, expect, it } from 'vitest';
import { demoDirectory } from '../../simulator/demo-directory';
import { contactId, Directory, personKey } from '../../simulator/directory';

describe('directory', () => {
  it('normalises SIP addresses for lookup and hrefs', () => {
    expect(personKey('Dana@Contoso.com')).toBe('sip:dana@contoso.com');
    expect(personKey(' SIP:Dana@contoso.com ')).toBe('sip:dana@contoso.com');
    expect(contactId('sip:ManishC@contoso.com')).toBe('manishc@contoso.com');
  });

  it('builds the demo directory the issue asks for', () => {
    const dir = new Directory(demoDirectory());
    const dana = dir.person('dana@contoso.com');
    expect(dana?.name).toBe('Dana Birkby');
    expect(dir.authenticate('sip:DANA@contoso.com', 'Passw0rd!')).toBe(dana);
    expect(dir.authenticate('dana@contoso.com', 'passw0rd!')).toBeUndefined();
    const kinds = dir.groupsOf('dana@contoso.com').map((g) => g.kind);
    expect(kinds.filter((k) => k === 'pinned')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'default')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'personal')).toHaveLength(2);
    expect(kinds.filter((k) => k === 'distribution')).toHaveLength(1);
    expect(dir.contactsOf('dana@contoso.com').length).toBeGreaterThanOrEqual(10);
    const others = [...dir.people.values()].filter((p) => p.password !== undefined && p.uri !== dana?.uri);
    expect(others.length).toBeGreaterThanOrEqual(2);
  });

  it('adds a default group for users without one and creates unknown contacts Offline', () => {
    const dir = new Directory({ users: [{ uri: 'sip:a@x.com', name: 'A', password: 'p', groups: [{ name: 'Team', kind: 'personal', contacts: ['sip:Ghost@x.com'] }] }] });
    expect(dir.groupsOf('a@x.com').map((g) => [g.name, g.kind])).toEqual([
      ['Team', 'personal'],
      ['Other Contacts', 'default'],
    ]);
    const ghost = dir.person('ghost@x.com');
    expect(ghost?.uri).toBe('sip:Ghost@x.com');
    expect(ghost?.otherAvailability).toBeNull();
  });
});
