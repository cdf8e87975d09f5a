import { describe, expect, it } from 'vitest';
import { joinMemberships, listedByMemberships } from '../../../../../../main/core/ucwa/people/group-members';
import type { ContactResource, GroupResource } from '../../../../../../main/core/ucwa/people/people-resources';
import type { GroupKind } from '../../../../../../shared/models';

const BASE = 'https://pool.contoso.com/ucwa/oauth/v1/applications/1/people';

function group(id: string, kind: GroupKind): GroupResource {
  return { group: { id, name: id, kind, contactUris: [] }, self: `${BASE}/groups/${id}`, groupContacts: `${BASE}/contacts?groupId=${id}` };
}

function contact(name: string): ContactResource {
  return {
    contact: { uri: `sip:${name}@contoso.com`, name, availability: 'Unknown' },
    self: `${BASE}/${name}@contoso.com`,
    contactPresence: `${BASE}/${name}@contoso.com/presence`,
    contactNote: undefined,
  };
}

const membership = (g: string, c: string) => ({ self: `${BASE}/groupMemberships/${g}/${c}`, group: `${BASE}/groups/${g}`, contact: `${BASE}/${c}@contoso.com` });
const uris = (list: readonly ContactResource[] | undefined): string[] | undefined => list?.map((c) => c.contact.uri);

describe('joinMemberships', () => {
  it('gives each own group its members in the memberships\' order, a contact in several groups in each', () => {
    const [friends, other] = [group('friends', 'personal'), group('other', 'default')];
    const joined = joinMemberships(
      [friends, other],
      [membership('friends', 'bob'), membership('other', 'ann'), membership('friends', 'ann')],
      [contact('ann'), contact('bob')],
    );
    expect(uris(joined.get(friends))).toEqual(['sip:bob@contoso.com', 'sip:ann@contoso.com']);
    expect(uris(joined.get(other))).toEqual(['sip:ann@contoso.com']);
  });

  it('matches hrefs case-insensitively and lists a contact once per group', () => {
    const pinned = group('pin', 'pinned');
    const shouting = { ...membership('pin', 'ann'), group: `${BASE}/GROUPS/PIN`, contact: `${BASE}/ANN@contoso.com` };
    const joined = joinMemberships([pinned], [shouting, membership('pin', 'ann')], [contact('ann')]);
    expect(uris(joined.get(pinned))).toEqual(['sip:ann@contoso.com']);
  });

  it('skips a membership whose contact or group another read did not list; an own group without members is empty', () => {
    const [friends, empty] = [group('friends', 'personal'), group('empty', 'personal')];
    const joined = joinMemberships(
      [friends, empty],
      [membership('friends', 'zoe'), membership('gone', 'ann'), { self: 'x', group: undefined, contact: `${BASE}/ann@contoso.com` }, membership('friends', 'ann')],
      [contact('ann')],
    );
    expect(uris(joined.get(friends))).toEqual(['sip:ann@contoso.com']);
    expect(uris(joined.get(empty))).toEqual([]);
  });

  it('leaves out distribution lists, other kinds and groups without a self link: their members are read apart', () => {
    const groups = [group('dl', 'distribution'), group('org', 'other'), { ...group('noself', 'personal'), self: undefined }];
    const joined = joinMemberships(groups, [membership('dl', 'ann')], [contact('ann')]);
    expect([...joined.keys()]).toEqual([]);
    expect(groups.map(listedByMemberships)).toEqual([false, false, true]);
  });
});
