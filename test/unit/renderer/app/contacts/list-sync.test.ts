import { afterEach, describe, expect, it, vi } from 'vitest';
import * as patches from '../../../../../shared/contact-patches';
import type { ContactPatch, ContactSnapshot, RendererApi } from '../../../../../shared/ipc-contract';
import type { ContactList } from '../../../../../shared/models';
import { createListSync } from '../../../../../renderer/app/contacts/list-sync';

const list: ContactList = {
  groups: [{ id: 'g1', name: 'Team', kind: 'personal', contactUris: ['sip:a@x', 'sip:b@x'] }],
  contacts: {
    'sip:a@x': { uri: 'sip:a@x', name: 'A', availability: 'Online' },
    'sip:b@x': { uri: 'sip:b@x', name: 'B', availability: 'Away' },
  },
};

const presence = (uri: string, availability: string): ContactPatch => ({ kind: 'presenceChanged', uri, availability }) as ContactPatch;

function setUp(snapshot: ContactSnapshot = { seq: 0, contacts: list }) {
  const snapshots: ContactSnapshot[] = [];
  const api = { contactsSnapshot: vi.fn(async () => snapshots.shift() ?? snapshot) } as unknown as RendererApi;
  const heard: ContactPatch[][] = [];
  const replaced = vi.fn();
  const sync = createListSync(api, { patched: (batch) => heard.push([...batch]), replaced }, () => undefined);
  sync.take(snapshot);
  return { sync, api, heard, replaced, snapshots };
}

afterEach(() => vi.restoreAllMocks());

describe('createListSync', () => {
  it('applies a burst of batches in one go when the list is read, not once per batch', () => {
    const apply = vi.spyOn(patches, 'applyContactPatches');
    const { sync, heard } = setUp();
    for (let seq = 1; seq <= 50; seq += 1) sync.receive({ seq, patches: [presence(seq % 2 ? 'sip:a@x' : 'sip:b@x', seq % 2 ? 'Busy' : 'Online')] });
    expect(heard).toHaveLength(50);
    expect(apply).not.toHaveBeenCalled();
    const read = sync.contacts();
    expect(apply).toHaveBeenCalledTimes(1);
    expect(read.contacts['sip:a@x']?.availability).toBe('Busy');
    expect(read.contacts['sip:b@x']?.availability).toBe('Online');
    // Reading again without new batches applies nothing and returns the same list.
    expect(sync.contacts()).toBe(read);
    expect(apply).toHaveBeenCalledTimes(1);
  });

  it('applies patches in order across batches', () => {
    const { sync } = setUp();
    sync.receive({ seq: 1, patches: [presence('sip:a@x', 'Busy')] });
    sync.receive({ seq: 2, patches: [presence('sip:a@x', 'Away')] });
    expect(sync.contacts().contacts['sip:a@x']?.availability).toBe('Away');
  });

  it('a snapshot drops patches not yet applied', () => {
    const { sync } = setUp();
    sync.receive({ seq: 1, patches: [presence('sip:a@x', 'Busy')] });
    sync.take({ seq: 1, contacts: list });
    expect(sync.contacts().contacts['sip:a@x']?.availability).toBe('Online');
  });

  it('skips a batch the list already includes and asks for a snapshot after a gap', async () => {
    const { sync, api, heard, snapshots } = setUp({ seq: 3, contacts: list });
    snapshots.push({ seq: 5, contacts: list });
    sync.receive({ seq: 3, patches: [presence('sip:a@x', 'Busy')] });
    expect(heard).toHaveLength(0);
    expect(sync.contacts().contacts['sip:a@x']?.availability).toBe('Online');
    sync.receive({ seq: 5, patches: [presence('sip:a@x', 'Busy')] });
    expect(api.contactsSnapshot).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(sync.contacts().contacts['sip:a@x']?.availability).toBe('Online'));
  });
});
