import { describe, expect, it } from 'vitest';
import type { Application } from '../../simulator/application';
import { Directory } from '../../simulator/directory';
import { appHrefs } from '../../simulator/hal';
import { meResource, myGroupsResource } from '../../simulator/resources';

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
