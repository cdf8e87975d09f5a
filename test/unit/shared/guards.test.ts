import { describe, expect, it } from 'vitest';
import { LIMITS, isContactListChange, isContactPatch, isSearchRequest, isContactPatchBatch, isNoPayload, isNote, isSignInForm, isSipUri, isWatchRequest } from '../../../shared/guards';

const form = { address: 'dana@contoso.com', password: 'p', discoveryUrl: '', keepSignedIn: true, acceptWeakStorage: false };

describe('IPC guards', () => {
  it('accepts a well-formed sign-in form', () => {
    expect(isSignInForm(form)).toBe(true);
  });

  it.each([
    ['null', null],
    ['array', [form]],
    ['extra key', { ...form, admin: true }],
    ['missing key', { address: 'a', password: 'p', discoveryUrl: '', keepSignedIn: true }],
    ['wrong type', { ...form, keepSignedIn: 'yes' }],
    ['huge password', { ...form, password: 'x'.repeat(LIMITS.password + 1) }],
    ['number address', { ...form, address: 42 }],
  ])('rejects a sign-in form with %s', (_name, value) => {
    expect(isSignInForm(value)).toBe(false);
  });

  it('checks notes, SIP URIs and watch requests', () => {
    expect(isNote('')).toBe(true);
    expect(isNote('x'.repeat(LIMITS.note))).toBe(true);
    expect(isNote('x'.repeat(LIMITS.note + 1))).toBe(false);
    expect(isNote({ toString: () => 'x' })).toBe(false);
    expect(isSipUri('sip:alice@contoso.com')).toBe(true);
    expect(isSipUri('alice@contoso.com')).toBe(false);
    expect(isSipUri('sip:alice@contoso.com\n<script>')).toBe(false);
    expect(isWatchRequest({ uri: 'sip:alice@contoso.com', watch: true })).toBe(true);
    expect(isWatchRequest({ uri: 'sip:alice@contoso.com', watch: 1 })).toBe(false);
    expect(isWatchRequest({ uri: 'sip:alice@contoso.com', watch: true, x: 1 })).toBe(false);
    expect(isNoPayload(undefined)).toBe(true);
    expect(isNoPayload({})).toBe(false);
  });
});

describe('contact patch guards', () => {
  const contact = { uri: 'sip:ann@contoso.com', name: 'Ann', availability: 'Online' };
  const group = { id: 'g1', name: 'Team', kind: 'personal', contactUris: ['sip:ann@contoso.com'] };
  const valid = [
    { kind: 'presenceChanged', uri: contact.uri, availability: 'Away' },
    { kind: 'noteChanged', uri: contact.uri, note: 'lunch' },
    { kind: 'noteChanged', uri: contact.uri, note: null },
    { kind: 'contactAdded', contact },
    { kind: 'contactAdded', contact: { ...contact, note: 'hi' } },
    { kind: 'contactRemoved', uri: contact.uri },
    { kind: 'groupAdded', group, index: 0 },
    { kind: 'groupRenamed', groupId: 'g1', name: 'Team II' },
    { kind: 'groupRemoved', groupId: 'g1' },
    { kind: 'membershipChanged', groupId: 'g1', contactUris: [] },
    { kind: 'groupsReordered', groupIds: ['g2', 'g1'] },
  ];

  it.each(valid.map((patch) => [patch.kind, patch]))('accepts a %s patch', (_kind, patch) => {
    expect(isContactPatch(patch)).toBe(true);
    expect(isContactPatchBatch({ seq: 1, patches: [patch] })).toBe(true);
  });

  it.each([
    ['unknown kind', { kind: 'dropTable', uri: contact.uri }],
    ['inherited kind', { kind: 'toString' }],
    ['extra key', { kind: 'contactRemoved', uri: contact.uri, x: 1 }],
    ['bad availability', { kind: 'presenceChanged', uri: contact.uri, availability: 'Sleeping' }],
    ['note too long', { kind: 'noteChanged', uri: contact.uri, note: 'x'.repeat(LIMITS.note + 1) }],
    ['contact with extra key', { kind: 'contactAdded', contact: { ...contact, html: '<b>' } }],
    ['group of unknown kind', { kind: 'groupAdded', group: { ...group, kind: 'secret' }, index: 0 }],
    ['negative index', { kind: 'groupAdded', group, index: -1 }],
    ['fractional index', { kind: 'groupAdded', group, index: 0.5 }],
    ['members not strings', { kind: 'membershipChanged', groupId: 'g1', contactUris: [1] }],
    ['group ids not an array', { kind: 'groupsReordered', groupIds: 'g1' }],
    ['array', [contact]],
    ['null', null],
  ])('rejects a patch: %s', (_name, patch) => {
    expect(isContactPatch(patch)).toBe(false);
    expect(isContactPatchBatch({ seq: 1, patches: [patch] })).toBe(false);
  });

  it.each([
    ['seq 0', { seq: 0, patches: [] }],
    ['seq fractional', { seq: 1.5, patches: [] }],
    ['seq a string', { seq: '1', patches: [] }],
    ['patches not an array', { seq: 1, patches: {} }],
    ['extra key', { seq: 1, patches: [], list: {} }],
    ['a whole contact list', { groups: [], contacts: {} }],
  ])('rejects a batch: %s', (_name, batch) => {
    expect(isContactPatchBatch(batch)).toBe(false);
  });
});

describe('directory and contact-list guards', () => {
  it('accepts a search of 1 to 256 characters with a whole limit from 1 to 100', () => {
    expect(isSearchRequest({ query: 'sara', limit: 20 })).toBe(true);
    expect(isSearchRequest({ query: 'x'.repeat(256), limit: 100 })).toBe(true);
    expect(isSearchRequest({ query: 'x'.repeat(257), limit: 10 })).toBe(false);
    expect(isSearchRequest({ query: '  ', limit: 10 })).toBe(false);
    expect(isSearchRequest({ query: 'sa', limit: 0 })).toBe(false);
    expect(isSearchRequest({ query: 'sa', limit: 1.5 })).toBe(false);
    expect(isSearchRequest({ query: 'sa', limit: 10, extra: true })).toBe(false);
  });

  it('accepts each change kind with exactly its fields and SIP addresses', () => {
    const alice = 'sip:alice@contoso.com';
    for (const change of [
      { kind: 'addContact', uri: alice },
      { kind: 'addContact', uri: alice, groupId: 'g1' },
      { kind: 'removeFromGroup', uri: alice, groupId: 'g1' },
      { kind: 'removeFromAllGroups', uri: alice },
      { kind: 'moveContact', uri: alice, fromGroupId: 'g1', toGroupId: 'g2' },
      { kind: 'createGroup', name: 'Project Falcon' },
      { kind: 'renameGroup', groupId: 'g1', name: 'Core' },
      { kind: 'deleteGroup', groupId: 'g1' },
      { kind: 'addDistributionGroup', uri: 'sip:falcon-core@contoso.com' },
      { kind: 'removeDistributionGroup', groupId: 'dl1' },
    ]) {
      expect(isContactListChange(change), JSON.stringify(change)).toBe(true);
    }
    for (const bad of [
      { kind: 'addContact', uri: 'mailto:alice@contoso.com' },
      { kind: 'addContact', uri: alice, groupId: '' },
      { kind: 'removeFromGroup', uri: alice },
      { kind: 'moveContact', uri: alice, fromGroupId: 'g1', toGroupId: 'g1' },
      { kind: 'createGroup', name: 'x'.repeat(5000) },
      { kind: 'deleteGroup', groupId: 'g1', name: 'x' },
      { kind: 'toString' },
      { kind: 'constructor' },
      null,
      'deleteGroup',
    ]) {
      expect(isContactListChange(bad), JSON.stringify(bad)).toBe(false);
    }
  });
});
