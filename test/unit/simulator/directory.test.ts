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

  it('registers the organisation’s distribution groups, from the DL list and from users’ DL groups', () => {
    const dir = new Directory(demoDirectory());
    expect(dir.distributionList('engineering@contoso.com')?.members).toEqual(['sip:sarad@contoso.com', 'sip:tobiasr@contoso.com', 'sip:jonasb@contoso.com', 'sip:ravim@contoso.com']);
    expect(dir.distributionList('SIP:Falcon-Core@contoso.com')?.name).toBe('Falcon Core Team');
    const fromGroup = new Directory({ users: [{ uri: 'sip:a@x.com', name: 'A', password: 'p', groups: [{ name: 'R&D', kind: 'distribution', uri: 'sip:rnd@x.com', contacts: ['sip:b@x.com'] }] }] });
    expect(fromGroup.distributionList('rnd@x.com')?.members).toEqual(['sip:b@x.com']);
  });

  it('keeps the demo directory’s profile fields and marks who has a photo', () => {
    const dir = new Directory(demoDirectory());
    const sara = dir.person('sarad@contoso.com')!;
    expect([sara.office, sara.workPhoneNumber, sara.mobilePhoneNumber, sara.hasPhoto, sara.inAddressBook]).toEqual(['Building 4, 2/121', 'tel:+14255550102', 'tel:+14255550192', true, true]);
    expect(dir.person('kimab@contoso.com')?.hasPhoto).toBe(false);
  });
});
