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
});
