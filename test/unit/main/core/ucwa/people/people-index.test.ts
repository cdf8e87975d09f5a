import { describe, expect, it } from 'vitest';
import { PeopleIndex } from '../../../../../../main/core/ucwa/people/people-index';

const P = 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people';

describe('PeopleIndex', () => {
  it('finds groups and contacts by href regardless of case and percent-encoding', () => {
    const index = new PeopleIndex();
    index.addGroup({ group: { id: 'g1', name: 'Falcon', kind: 'personal', contactUris: [] }, self: `${P}/groups/g1`, groupContacts: undefined }, `${P}/groups/G1?x=1`);
    index.addContact({
      contact: { uri: 'sip:SaraD@contoso.com', name: 'Sara', availability: 'Unknown' },
      self: `${P}/sarad@contoso.com`,
      contactPresence: `${P}/sarad@contoso.com/presence`,
      contactNote: `${P}/sarad@contoso.com/note`,
    });
    expect(index.group(`${P}/GROUPS/g1`)?.group.id).toBe('g1');
    expect(index.group(`${P}/groups/G1?x=1`)?.group.id).toBe('g1');
    expect(index.contactUri(`${P}/SaraD%40contoso.com`)).toBe('sip:SaraD@contoso.com');
    expect(index.statusUri(`${P}/sarad@contoso.com/note`)).toBe('sip:SaraD@contoso.com');
    // Unknown presence href: fall back to the contact the event was `in`.
    expect(index.statusUri(`${P}/other/presence`, `${P}/sarad@contoso.com`)).toBe('sip:SaraD@contoso.com');
    expect(index.group(undefined)).toBeUndefined();
    index.clear();
    expect(index.contactUri(`${P}/sarad@contoso.com`)).toBeUndefined();
  });

  it('indexes only the hrefs a resource has, and hrefs that are not URLs by case alone', () => {
    const index = new PeopleIndex();
    index.addGroup({ group: { id: 'g2', name: 'Other', kind: 'personal', contactUris: [] }, self: undefined, groupContacts: undefined }, undefined, 'Relative/Groups/G2');
    expect(index.group('relative/groups/g2')?.group.id).toBe('g2');
    index.addContact({ contact: { uri: 'sip:Ann@contoso.com', name: 'Ann', availability: 'Unknown' }, self: undefined, contactPresence: undefined, contactNote: undefined }, `${P}/ann`);
    expect(index.contactUri(`${P}/ANN`)).toBe('sip:Ann@contoso.com');
    expect(index.contactUri(undefined)).toBeUndefined();
    expect(index.presenceHref('sip:ann@contoso.com')).toBeUndefined();
  });

  it('remembers a contact presence href by its URI in any case, and keeps it when a later read has none', () => {
    const index = new PeopleIndex();
    const contact = { uri: 'sip:SaraD@contoso.com', name: 'Sara', availability: 'Unknown' as const };
    index.addContact({ contact, self: `${P}/sarad`, contactPresence: `${P}/sarad/presence`, contactNote: undefined });
    expect(index.presenceHref('SIP:sarad@CONTOSO.com')).toBe(`${P}/sarad/presence`);
    expect(index.statusUri(`${P}/SARAD/presence`)).toBe('sip:SaraD@contoso.com');
    index.addContact({ contact, self: `${P}/sarad`, contactPresence: undefined, contactNote: `${P}/sarad/note` });
    expect(index.presenceHref('sip:sarad@contoso.com')).toBe(`${P}/sarad/presence`);
    expect(index.statusUri(`${P}/sarad/note`)).toBe('sip:SaraD@contoso.com');
    index.clear();
    expect(index.presenceHref('sip:sarad@contoso.com')).toBeUndefined();
  });

  it('clear forgets groups and status hrefs too', () => {
    const index = new PeopleIndex();
    index.addGroup({ group: { id: 'g1', name: 'Falcon', kind: 'personal', contactUris: [] }, self: `${P}/groups/g1`, groupContacts: undefined });
    index.addContact({ contact: { uri: 'sip:a@contoso.com', name: 'A', availability: 'Unknown' }, self: undefined, contactPresence: `${P}/a/presence`, contactNote: `${P}/a/note` });
    index.clear();
    expect([index.group(`${P}/groups/g1`), index.statusUri(`${P}/a/presence`), index.statusUri(`${P}/a/note`)]).toEqual([undefined, undefined, undefined]);
  });

  it('a status href it does not know, with no contact to fall back on, is no one', () => {
    const index = new PeopleIndex();
    index.addContact({ contact: { uri: 'sip:a@contoso.com', name: 'A', availability: 'Unknown' }, self: `${P}/a`, contactPresence: undefined, contactNote: undefined });
    expect(index.statusUri(`${P}/b/presence`)).toBeUndefined();
    expect(index.statusUri(`${P}/a`)).toBeUndefined(); // a contact's own href is not a status href
    expect(index.group(`${P}/a`)).toBeUndefined();
  });
});
