import { describe, expect, it } from 'vitest';
import type { Application } from '../../simulator/application';
import { Directory } from '../../simulator/directory';
import { appHrefs } from '../../simulator/hal';
import { distributionListResource, groupMembershipsResource, meResource, myGroupsResource, peopleResource } from '../../simulator/resources';

const dir = new Directory({
  users: [
    {
      uri: 'sip:dana@contoso.com',
      name: 'Dana',
      password: 'p',
      groups: [
        { name: 'Pinned', kind: 'pinned', contacts: [] },
        { name: 'Only personal', kind: 'personal', contacts: [] },
        { name: 'Other Contacts', kind: 'default', contacts: [] },
      ],
    },
  ],
});
const app = { id: '12345678901', hrefs: appHrefs('12345678901'), available: false } as unknown as Application;

describe('resources', () => {
  it('me offers makeMeAvailable before, and presence/note/location/reportMyActivity after', () => {
    const me = dir.person('dana@contoso.com')!;
    const before = Object.keys(meResource({ ...app, available: false }, me)['_links'] as object);
    const after = Object.keys(meResource({ ...app, available: true }, me)['_links'] as object);
    expect(before).toContain('makeMeAvailable');
    expect(before).not.toContain('presence');
    expect(after).toEqual(expect.arrayContaining(['presence', 'note', 'location', 'reportMyActivity']));
    expect(after).not.toContain('makeMeAvailable');
  });

  it('myGroups: repeatable rels are arrays even with one item, pinned/default are single objects', () => {
    const groups = myGroupsResource(app, dir.groupsOf('dana@contoso.com'), true)['_embedded'] as Record<string, unknown>;
    expect(Array.isArray(groups['group'])).toBe(true);
    expect((groups['group'] as unknown[]).length).toBe(1);
    expect(groups['distributionGroup']).toEqual([]);
    expect(Array.isArray(groups['pinnedGroup'])).toBe(false);
    expect((groups['defaultGroup'] as { name: string }).name).toBe('Other Contacts');
  });

  it('myGroups?expand=false lists links only, with the same cardinality rules', () => {
    const body = myGroupsResource(app, dir.groupsOf('dana@contoso.com'), false);
    expect(body['_embedded']).toBeUndefined();
    const l = body['_links'] as Record<string, unknown>;
    expect(Array.isArray(l['group'])).toBe(true);
    expect(l['pinnedGroup']).toEqual({ href: expect.stringMatching(/\/people\/groups\/\d+$/) });
  });
});

describe('contact-list management resources', () => {
  const people = (key: string) => dir.people.get(key) ?? dir.ensurePerson(key);
  const withDl = new Directory({
    users: [{ uri: 'sip:dana@contoso.com', name: 'Dana', password: 'p', groups: [{ name: 'Team', kind: 'personal', contacts: ['sip:a@contoso.com'] }, { name: 'DL', kind: 'distribution', uri: 'sip:dl@contoso.com', contacts: ['sip:b@contoso.com'] }] }],
  });

  it('people marks myGroups and myGroupMemberships revision 2 only with management', () => {
    const on = peopleResource(app, true)['_links'] as Record<string, Record<string, unknown>>;
    const off = peopleResource(app, false)['_links'] as Record<string, Record<string, unknown>>;
    expect(on['myGroups']?.['revision']).toBe('2');
    expect(off['myGroups']).toEqual({ href: expect.any(String) });
    expect(Object.keys(on).sort()).toEqual(Object.keys(off).sort());
  });

  it('memberships list the user’s own groups, never a DL, and link removeContactFromAllGroups only with management', () => {
    const groups = withDl.groupsOf('dana@contoso.com');
    const on = groupMembershipsResource(app, groups, (k) => withDl.people.get(k)!, true);
    const list = (on['_embedded'] as { myGroupMembership: Array<{ _links: Record<string, { href: string }> }> }).myGroupMembership;
    expect(list.map((m) => m._links['contact']?.href.split('/').pop())).toEqual(['a@contoso.com']);
    expect(Object.keys(on['_links'] as object)).toContain('removeContactFromAllGroups');
    expect(Object.keys(groupMembershipsResource(app, groups, people, false)['_links'] as object)).toEqual(['self']);
  });

  it('a DL links addToContactList when off the list, removeFromContactList when on it, neither read-only', () => {
    const list = withDl.distributionList('dl@contoso.com')!;
    const onList = withDl.groupsOf('dana@contoso.com').find((g) => g.kind === 'distribution');
    const rels = (body: Record<string, unknown>) => Object.keys(body['_links'] as object);
    expect(rels(distributionListResource(app, list, true, undefined))).toEqual(['self', 'expandDistributionGroup', 'addToContactList']);
    expect(rels(distributionListResource(app, list, true, onList))).toEqual(['self', 'expandDistributionGroup', 'removeFromContactList']);
    expect(rels(distributionListResource(app, list, false, undefined))).toEqual(['self', 'expandDistributionGroup']);
    const href = (distributionListResource(app, list, true, undefined)['_links'] as Record<string, { href: string }>)['addToContactList']!.href;
    expect(new URL(href, 'http://x').searchParams.get('smtpAddress')).toBe('dl@contoso.com');
  });
});
