import { describe, expect, it } from 'vitest';
import {
  GROUP_RELS,
  isGroupRel,
  parseContact,
  parseGroup,
  parseContactNote,
  parseContactPresence,
  parseContacts,
  parseContactsSubscription,
  parseMyGroups,
  parsePresenceSubscription,
} from '../../../../../../main/core/ucwa/people/people-resources';

const BASE = 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/groups';
const P = '/ucwa/oauth/v1/applications/101/people';

describe('parseMyGroups', () => {
  it('reads singles and arrays of every kind, resolving hrefs against the response URL', () => {
    const groups = parseMyGroups(
      {
        _embedded: {
          pinnedGroup: { id: 'pin', name: 'Pinned Contacts', _links: { self: { href: `${P}/groups/pin` }, groupContacts: { href: `${P}/contacts?groupId=pin` } }, rel: 'pinnedGroup' },
          defaultGroup: { id: 'def', name: 'Other Contacts', _links: { self: { href: `${P}/groups/def` } } },
          group: [{ id: 'g1', name: 'Falcon', _links: {} }],
          distributionGroup: { id: 'dl', name: 'Eng DL', uri: 'sip:eng@contoso.com' },
          delegatesGroup: { id: 'del', name: 'Delegates' },
        },
        rel: 'myGroups',
      },
      BASE,
    );
    expect(groups.map((g) => [g.group.id, g.group.kind, g.group.name])).toEqual([
      ['pin', 'pinned', 'Pinned Contacts'],
      ['g1', 'personal', 'Falcon'],
      ['def', 'default', 'Other Contacts'],
      ['dl', 'distribution', 'Eng DL'],
      ['del', 'other', 'Delegates'],
    ]);
    expect(groups[0]!.groupContacts).toBe('https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/contacts?groupId=pin');
    expect(groups[2]!.self).toBe('https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/groups/def');
    expect(groups[1]!.groupContacts).toBeUndefined();
  });

  it('skips entries that are not groups, accepts empty arrays, and rejects a non-object answer', () => {
    expect(parseMyGroups({ _embedded: { group: [null, 3, { name: 'no id, no self' }], distributionGroup: [] } }, BASE)).toEqual([]);
    expect(parseMyGroups({}, BASE)).toEqual([]);
    expect(() => parseMyGroups('<html>', BASE)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});

describe('contacts', () => {
  const ann = { uri: 'sip:Ann@contoso.com', name: 'Ann Lee', _links: { self: { href: `${P}/ann@contoso.com` }, contactPresence: { href: `${P}/ann@contoso.com/presence` } } };

  it('reads groupContacts with one contact or many, presence Unknown until read', () => {
    const one = parseContacts({ _embedded: { contact: ann }, rel: 'groupContacts' }, BASE);
    const many = parseContacts({ _embedded: { contact: [ann, { name: 'no uri' }, { uri: 'sip:bo@contoso.com' }] } }, BASE);
    expect(one).toEqual([
      {
        contact: { uri: 'sip:Ann@contoso.com', name: 'Ann Lee', availability: 'Unknown' },
        self: 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/ann@contoso.com',
        contactPresence: 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/ann@contoso.com/presence',
        contactNote: undefined,
      },
    ]);
    expect(many.map((c) => c.contact.name)).toEqual(['Ann Lee', 'sip:bo@contoso.com']);
    expect(parseContact(null, BASE)).toBeUndefined();
  });

  it('reads a contact note, no message meaning no note', () => {
    expect(parseContactNote({ message: 'Heads down', type: 'Personal' })).toBe('Heads down');
    expect(parseContactNote({ type: 'Personal' })).toBe('');
  });

  it('reads contact presence, mapping unknown values to Unknown', () => {
    expect(parseContactPresence({ availability: 'IdleBusy', deviceType: 'PC' })).toBe('IdleBusy');
    expect(parseContactPresence({ availability: 'Inactive' })).toBe('Unknown');
    expect(() => parseContactPresence([])).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});

describe('subscriptions', () => {
  it('reads the presence subscription links and the contacts subscription start link', () => {
    expect(
      parsePresenceSubscription(
        { id: 's', _links: { self: { href: `${P}/presenceSubscriptions/s` }, addToPresenceSubscription: { href: `${P}/presenceSubscriptionMemberships?presenceSubscriptionId=s` } } },
        BASE,
      ),
    ).toEqual({
      self: 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/presenceSubscriptions/s',
      addToPresenceSubscription: 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/presenceSubscriptionMemberships?presenceSubscriptionId=s',
    });
    expect(
      parseContactsSubscription(
        { rel: 'myContactsAndGroupsSubscription', state: 'Connecting', _links: { startOrRefreshSubscriptionToContactsAndGroups: { href: `${P}/s/start` } } },
        BASE,
      ),
    ).toBe('https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/s/start');
  });
});

describe('group kinds and fallbacks', () => {
  it('knows every group rel myGroups embeds, and nothing else', () => {
    expect(GROUP_RELS.every((rel) => isGroupRel(rel))).toBe(true);
    expect([isGroupRel('contact'), isGroupRel(undefined), isGroupRel('myGroups')]).toEqual([false, false, false]);
  });

  it('reads delegators and my-organization groups, single or arrays', () => {
    const groups = parseMyGroups(
      { _embedded: { delegatorsGroup: [{ id: 'dr', name: 'Delegators' }], myOrganizationGroup: { id: 'org', name: 'My Organization' } } },
      BASE,
    );
    expect(groups.map((g) => [g.group.id, g.group.kind])).toEqual([
      ['dr', 'other'],
      ['org', 'other'],
    ]);
  });

  it('a group without id is known by its self href; without name it is unnamed; its own rel wins over where it was embedded', () => {
    expect(parseGroup({ _links: { self: { href: `${P}/groups/x` } } }, BASE)).toEqual({
      group: { id: 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/groups/x', name: '', kind: 'personal', contactUris: [] },
      self: 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/groups/x',
      groupContacts: undefined,
    });
    expect(parseGroup({ id: 'p', rel: 'pinnedGroup' }, BASE, 'group')?.group.kind).toBe('pinned');
    expect(parseGroup({ id: 'd' }, BASE, 'defaultGroup')?.group.kind).toBe('default');
    expect(parseGroup('g', BASE)).toBeUndefined();
  });

  it('a contact with an empty uri is skipped; no contacts is an empty list; a non-object list is malformed', () => {
    expect(parseContact({ uri: '', name: 'x' }, BASE)).toBeUndefined();
    expect(parseContacts({}, BASE)).toEqual([]);
    expect(() => parseContacts('x', BASE)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    expect(() => parseContactNote(null)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });

  it('a presence subscription without a self link is known by the URL it came from; a contacts subscription without its start link has none', () => {
    expect(parsePresenceSubscription({ id: 's' }, BASE)).toEqual({ self: BASE, addToPresenceSubscription: undefined });
    expect(() => parsePresenceSubscription('x', BASE)).toThrow(expect.objectContaining({ kind: 'malformed' }));
    expect(parseContactsSubscription({ state: 'Connected' }, BASE)).toBeUndefined();
    expect(() => parseContactsSubscription(7, BASE)).toThrow(expect.objectContaining({ kind: 'malformed' }));
  });
});
