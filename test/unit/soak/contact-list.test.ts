import { describe, expect, it } from 'vitest';
import type { ContactList } from '../../../shared/models';
import { contactListMatches } from '../../../scripts/soak/invariants/contact-list';
import { engineList, truth } from './fixtures';

const withGroups = (list: ContactList, groups: ContactList['groups']): ContactList => ({ ...list, groups });

describe('contactListMatches', () => {
  it('holds for the same groups, members, presence and notes (URI case and member order aside)', () => {
    expect(contactListMatches(engineList(), truth())).toEqual([]);
  });

  it('breaks for a missing group, an extra group, a renamed group and a different kind', () => {
    const list = engineList();
    const [other, falcon] = list.groups;
    expect(contactListMatches(withGroups(list, [other!]), truth()).map((v) => v.detail)).toEqual(['group Project Falcon (3) is missing']);
    const extra = withGroups(list, [...list.groups, { id: '9', name: 'Ghost', kind: 'personal', contactUris: [] }]);
    expect(contactListMatches(extra, truth()).map((v) => v.detail)).toEqual(['group Ghost (9) is not on the server']);
    const renamed = withGroups(list, [other!, { ...falcon!, name: 'Falcon' }]);
    expect(contactListMatches(renamed, truth())[0]?.detail).toBe('group 3 is named Falcon, server: Project Falcon');
    const kind = withGroups(list, [other!, { ...falcon!, kind: 'pinned' }]);
    expect(contactListMatches(kind, truth())[0]?.detail).toBe('group Project Falcon is pinned, server: personal');
  });

  it('breaks for a member missing from a group (the failed-read-as-empty-group defect)', () => {
    const list = engineList();
    const emptied = withGroups(list, [{ ...list.groups[0]!, contactUris: [] }, list.groups[1]!]);
    const violations = contactListMatches(emptied, truth());
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ invariant: 'contactList' });
    expect(violations[0]?.detail).toContain('group Other Contacts has []');
  });

  it('breaks for stale presence, a stale note and a contact the engine lacks', () => {
    const list = engineList();
    const stale: ContactList = {
      ...list,
      contacts: {
        'sip:lene@contoso.com': { ...list.contacts['sip:lene@contoso.com']!, availability: 'Online' },
        'sip:kim@contoso.com': { ...list.contacts['sip:kim@contoso.com']!, note: 'old' },
      },
    };
    expect(contactListMatches(stale, truth()).map((v) => v.detail)).toEqual([
      'contact sip:lene@contoso.com shows Online, server: Away',
      'contact sip:kim@contoso.com has note "old", server: "Back at 3"',
      'contact sip:sara@contoso.com is missing',
    ]);
  });
});
