import { describe, expect, it } from 'vitest';
import { reduceContactList } from '../../../../../main/core/state/contact-list-reducer';
import type { PeopleAction } from '../../../../../main/core/state/people-action';
import { type Contact, type ContactList, EMPTY_CONTACT_LIST, type Group } from '../../../../../shared/models';

const ann: Contact = { uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Online' };
const bob: Contact = { uri: 'sip:bob@contoso.com', name: 'Bob', availability: 'Busy' };
const cy: Contact = { uri: 'sip:cy@contoso.com', name: 'Cy', availability: 'Away' };

const pinned: Group = { id: 'p', name: 'Pinned Contacts', kind: 'pinned', contactUris: [ann.uri] };
const other: Group = { id: 'd', name: 'Other Contacts', kind: 'default', contactUris: [bob.uri] };
const falcon: Group = { id: 'g1', name: 'Project Falcon', kind: 'personal', contactUris: [ann.uri, bob.uri] };
const dl: Group = { id: 'dl', name: 'Engineering DL', kind: 'distribution', contactUris: [] };

const base: ContactList = reduceContactList(EMPTY_CONTACT_LIST, {
  type: 'listLoaded',
  list: { groups: [dl, other, falcon, pinned], contacts: { [ann.uri]: ann, [bob.uri]: bob } },
});

const apply = (list: ContactList, ...actions: PeopleAction[]): ContactList => actions.reduce(reduceContactList, list);

describe('reduceContactList', () => {
  it('applies a batch of read statuses to those contacts only: groups and untouched records keep their identity', () => {
    const list = apply(base, {
      type: 'statusRead',
      updates: [
        { uri: ann.uri, availability: 'DoNotDisturb' },
        { uri: ann.uri, note: 'Offsite' },
        { uri: bob.uri, availability: 'Busy' },
        { uri: cy.uri, availability: 'Online' },
      ],
    });
    expect(list.contacts[ann.uri]).toEqual({ ...ann, availability: 'DoNotDisturb', note: 'Offsite' });
    expect(list.contacts[bob.uri]).toBe(base.contacts[bob.uri]);
    expect(list.contacts[cy.uri]).toBeUndefined(); // not listed: a read status adds no contact
    expect(list.groups).toBe(base.groups);
    expect(apply(list, { type: 'statusRead', updates: [{ uri: ann.uri, note: '' }] }).contacts[ann.uri]).toEqual({ ...ann, availability: 'DoNotDisturb' });
    expect(apply(base, { type: 'statusRead', updates: [{ uri: bob.uri, availability: 'Busy' }] })).toBe(base);
  });

  it('orders groups pinned, personal, default, distribution on load', () => {
    expect(base.groups.map((g) => g.id)).toEqual(['p', 'g1', 'd', 'dl']);
    expect(Object.keys(base.contacts).sort()).toEqual([ann.uri, bob.uri]);
  });

  it('keeps server order among groups of one kind and puts unknown kinds last', () => {
    const lunch: Group = { id: 'g2', name: 'Lunch crew', kind: 'personal', contactUris: [] };
    const delegates: Group = { id: 'x', name: 'Delegates', kind: 'other', contactUris: [] };
    const list = apply(base, { type: 'groupUpserted', group: delegates, contacts: [] }, { type: 'groupUpserted', group: lunch, contacts: [] });
    expect(list.groups.map((g) => g.id)).toEqual(['p', 'g1', 'g2', 'd', 'dl', 'x']);
  });

  it('adds a group with its members and replaces a changed group in place', () => {
    const added = apply(base, { type: 'groupUpserted', group: { id: 'g2', name: 'Lunch', kind: 'personal', contactUris: [cy.uri] }, contacts: [cy] });
    expect(added.contacts[cy.uri]).toEqual(cy);
    const renamed = apply(added, { type: 'groupUpserted', group: { ...falcon, name: 'Falcon II', contactUris: [bob.uri] }, contacts: [bob] });
    expect(renamed.groups.find((g) => g.id === 'g1')).toMatchObject({ name: 'Falcon II', contactUris: [bob.uri] });
    // Ann is still pinned, so she stays.
    expect(renamed.contacts[ann.uri]).toEqual(ann);
  });

  it('drops contacts that no group lists after a group or membership removal', () => {
    const noFalcon = apply(base, { type: 'groupRemoved', groupId: 'g1' });
    expect(noFalcon.groups.map((g) => g.id)).toEqual(['p', 'd', 'dl']);
    expect(Object.keys(noFalcon.contacts).sort()).toEqual([ann.uri, bob.uri]);
    const noBob = apply(noFalcon, { type: 'contactRemoved', groupId: 'd', uri: bob.uri });
    expect(noBob.contacts[bob.uri]).toBeUndefined();
    expect(noBob.groups.find((g) => g.id === 'd')!.contactUris).toEqual([]);
  });

  it('adds a contact to one group without duplicating it, keeping known presence when the new copy has none', () => {
    const list = apply(base, { type: 'contactAdded', groupId: 'dl', contact: { ...ann, availability: 'Unknown' } });
    expect(list.groups.find((g) => g.id === 'dl')!.contactUris).toEqual([ann.uri]);
    expect(list.contacts[ann.uri]!.availability).toBe('Online');
    const again = apply(list, { type: 'contactAdded', groupId: 'dl', contact: ann });
    expect(again).toBe(list);
  });

  it('applies presence changes and returns the same list when nothing changed', () => {
    const busy = apply(base, { type: 'presenceChanged', uri: ann.uri, availability: 'Busy', note: 'in a meeting' });
    expect(busy.contacts[ann.uri]).toEqual({ ...ann, availability: 'Busy', note: 'in a meeting' });
    expect(apply(busy, { type: 'presenceChanged', uri: ann.uri, availability: 'Busy' })).toBe(busy);
    expect(apply(base, { type: 'presenceChanged', uri: 'sip:nobody@contoso.com', availability: 'Busy' })).toBe(base);
  });

  it('sets and clears a contact note', () => {
    const noted = apply(base, { type: 'noteChanged', uri: bob.uri, note: 'Out today' });
    expect(noted.contacts[bob.uri]).toEqual({ ...bob, note: 'Out today' });
    expect(apply(noted, { type: 'noteChanged', uri: bob.uri, note: 'Out today' })).toBe(noted);
    expect(apply(noted, { type: 'noteChanged', uri: bob.uri, note: '' }).contacts[bob.uri]).toEqual(bob);
    expect(apply(base, { type: 'noteChanged', uri: bob.uri, note: '' })).toBe(base);
  });

  it('ignores actions about groups it does not know', () => {
    expect(apply(base, { type: 'groupRemoved', groupId: 'nope' })).toBe(base);
    expect(apply(base, { type: 'contactAdded', groupId: 'nope', contact: cy })).toBe(base);
    expect(apply(base, { type: 'contactRemoved', groupId: 'p', uri: cy.uri })).toBe(base);
  });

  it('a reload replaces structure but keeps presence it knew for contacts whose presence was not read', () => {
    const reloaded = apply(base, {
      type: 'listLoaded',
      list: { groups: [{ ...other, contactUris: [bob.uri, cy.uri] }], contacts: { [bob.uri]: { ...bob, availability: 'Unknown' }, [cy.uri]: cy } },
    });
    expect(reloaded.groups.map((g) => g.id)).toEqual(['d']);
    expect(reloaded.contacts).toEqual({ [bob.uri]: bob, [cy.uri]: cy });
  });

  it('adds a new contact to a group, and a known one to a second group keeping its presence and note', () => {
    const withCy = apply(base, { type: 'contactAdded', groupId: 'p', contact: cy });
    expect(withCy.groups.find((g) => g.id === 'p')!.contactUris).toEqual([ann.uri, cy.uri]);
    expect(withCy.contacts[cy.uri]).toBe(cy);
    const noted = apply(base, { type: 'noteChanged', uri: ann.uri, note: 'Lunch' });
    const again = apply(noted, { type: 'contactAdded', groupId: 'dl', contact: { uri: ann.uri, name: 'Ann', availability: 'Unknown' } });
    expect(again.contacts[ann.uri]).toBe(noted.contacts[ann.uri]);
    expect(again.groups.find((g) => g.id === 'dl')!.contactUris).toEqual([ann.uri]);
    const sameGroup = apply(base, { type: 'contactAdded', groupId: 'p', contact: { ...ann, name: 'Ann Lee' } });
    expect(sameGroup.contacts[ann.uri]!.name).toBe('Ann Lee');
    expect(sameGroup.groups.find((g) => g.id === 'p')!.contactUris).toEqual([ann.uri]);
    const fresh = apply(noted, { type: 'contactAdded', groupId: 'dl', contact: { uri: ann.uri, name: 'Ann', availability: 'Unknown', note: 'Back' } });
    expect(fresh.contacts[ann.uri]).toEqual({ ...ann, note: 'Back' });
    const renamed = apply(base, { type: 'contactAdded', groupId: 'dl', contact: { ...ann, name: 'Ann Lee', availability: 'Unknown' } });
    expect(renamed.contacts[ann.uri]).toEqual({ ...ann, name: 'Ann Lee' });
    expect('note' in renamed.contacts[ann.uri]!).toBe(false);
  });

  it('removes a contact from one group only, keeping it where else it is listed', () => {
    const list = apply(base, { type: 'contactRemoved', groupId: 'g1', uri: ann.uri });
    expect(list.groups.find((g) => g.id === 'g1')!.contactUris).toEqual([bob.uri]);
    expect(list.groups.find((g) => g.id === 'p')!.contactUris).toEqual([ann.uri]);
    expect(list.contacts[ann.uri]).toBe(base.contacts[ann.uri]);
    expect(apply(base, { type: 'contactRemoved', groupId: 'dl', uri: ann.uri })).toBe(base);
    expect(apply(base, { type: 'contactRemoved', groupId: 'nope', uri: ann.uri })).toBe(base);
  });

  it('changes presence alone or with a note, keeping the note when none comes and adding none when there was none', () => {
    const busy = apply(base, { type: 'presenceChanged', uri: bob.uri, availability: 'Online' });
    expect(busy.contacts[bob.uri]).toEqual({ ...bob, availability: 'Online' });
    expect('note' in busy.contacts[bob.uri]!).toBe(false);
    const noted = apply(base, { type: 'presenceChanged', uri: bob.uri, availability: 'Busy', note: 'Call' });
    expect(noted.contacts[bob.uri]).toEqual({ ...bob, note: 'Call' });
    expect(apply(noted, { type: 'presenceChanged', uri: bob.uri, availability: 'Away' }).contacts[bob.uri]).toEqual({ ...bob, availability: 'Away', note: 'Call' });
  });

  it('lists a member once when the server repeats it, and keeps unchanged groups as they were', () => {
    const twice: Group = { id: 'g9', name: 'Twice', kind: 'personal', contactUris: [cy.uri, cy.uri] };
    const list = apply(base, { type: 'groupUpserted', group: twice, contacts: [cy] });
    expect(list.groups.find((g) => g.id === 'g9')!.contactUris).toEqual([cy.uri]);
    expect(list.groups.find((g) => g.id === 'p')).toBe(base.groups.find((g) => g.id === 'p'));
    const loaded = reduceContactList(EMPTY_CONTACT_LIST, { type: 'listLoaded', list: { groups: [{ ...pinned, contactUris: [ann.uri, 'sip:ghost@contoso.com'] }], contacts: { [ann.uri]: ann } } });
    expect(Object.keys(loaded.contacts)).toEqual([ann.uri]);
  });
});
