import { describe, expect, it } from 'vitest';
import type { Change } from '../../../shared/models';
import { changesMatchLedger } from '../../../scripts/soak/invariants/change-feed';
import type { LedgerEntry } from '../../../scripts/soak/ledger';
import type { Truth } from '../../../scripts/soak/truth';
import { truth } from './fixtures';

const SARA = 'sip:sara@contoso.com';
const LENE = 'sip:lene@contoso.com';
const KIM = 'sip:kim@contoso.com';
const before = truth();
const withFalcon = (members: string[]): Truth => ({ ...before, groups: [before.groups[0]!, { ...before.groups[1]!, members }] });
const withLene = (availability: string): Truth => ({ ...before, contacts: { ...before.contacts, [LENE]: { availability, note: '' } } });

const added = (uri: string, group = 'Project Falcon'): Change => ({ kind: 'contactAdded', at: 0, group, contactUri: uri });
const removed = (uri: string, group = 'Project Falcon'): Change => ({ kind: 'contactRemoved', at: 0, group, contactUri: uri });
const presence = (uri: string, availability: Change['availability']): Change => ({ kind: 'contactPresenceChanged', at: 0, contactUri: uri, availability });
const addOp = (uri: string): LedgerEntry => ({ kind: 'contactAdded', groupId: '3', group: 'Project Falcon', uri });
const removeOp = (uri: string): LedgerEntry => ({ kind: 'contactRemoved', groupId: '3', group: 'Project Falcon', uri });
const presenceOp = (availability: string, previous: string): LedgerEntry => ({ kind: 'contactPresenceChanged', uri: LENE, availability, previous });

const check = (after: Truth, ledger: LedgerEntry[], changes: Change[]) => changesMatchLedger({ before, after, ledger, changes });
const details = (after: Truth, ledger: LedgerEntry[], changes: Change[]) => check(after, ledger, changes).map((v) => v.detail);

describe('changesMatchLedger', () => {
  it('holds when each server change appears once', () => {
    expect(check(withFalcon([SARA, KIM]), [addOp(KIM)], [added(KIM)])).toEqual([]);
    expect(check(withLene('Online'), [presenceOp('Online', 'Away')], [presence(LENE, 'Online')])).toEqual([]);
    expect(check(before, [], [])).toEqual([]);
  });

  it('allows the coalescing the feed documents: a change and its undo read together, members inside a new group', () => {
    expect(check(before, [addOp(KIM), removeOp(KIM)], [])).toEqual([]);
    expect(check(before, [addOp(KIM), removeOp(KIM)], [added(KIM), removed(KIM)])).toEqual([]);
    expect(check(withLene('Online'), [presenceOp('Busy', 'Away'), presenceOp('Online', 'Busy')], [presence(LENE, 'Online')])).toEqual([]);
    const groupAdded: Truth = { ...before, groups: [...before.groups, { id: '7', name: 'Soak group 1', kind: 'personal', members: [KIM] }] };
    const ops: LedgerEntry[] = [
      { kind: 'groupAdded', groupId: '7', group: 'Soak group 1' },
      { kind: 'contactAdded', groupId: '7', group: 'Soak group 1', uri: KIM },
    ];
    expect(check(groupAdded, ops, [{ kind: 'groupAdded', at: 0, group: 'Soak group 1' }])).toEqual([]);
  });

  it('follows a group through a rename', () => {
    const renamed: Truth = { ...before, groups: [before.groups[0]!, { ...before.groups[1]!, name: 'Falcon 2', members: [SARA, KIM] }] };
    const ops: LedgerEntry[] = [
      { kind: 'groupRenamed', groupId: '3', group: 'Falcon 2', previousGroup: 'Project Falcon' },
      { kind: 'contactAdded', groupId: '3', group: 'Falcon 2', uri: KIM },
    ];
    const feed: Change[] = [{ kind: 'groupRenamed', at: 0, group: 'Falcon 2', previousGroup: 'Project Falcon' }, added(KIM, 'Falcon 2')];
    expect(check(renamed, ops, feed)).toEqual([]);
  });

  it('breaks for phantom removals and re-additions of contacts nobody removed (a failed read taken as an empty group)', () => {
    const violations = check(before, [], [removed(SARA), added(SARA)]);
    expect(violations).toHaveLength(1);
    expect(violations[0]?.invariant).toBe('changeFeed');
    expect(violations[0]?.detail).toMatch(/^phantom: member:3:sip:sara@contoso.com/);
  });

  it('breaks for a presence change lost during an outage', () => {
    expect(details(withLene('Online'), [presenceOp('Online', 'Away')], [])).toEqual([
      'lost: presence:sip:lene@contoso.com: server Away → [Online] → Online, feed []',
    ]);
  });

  it('breaks for a change reported twice, a value nobody set, a wrong final value and an unknown group', () => {
    expect(details(withFalcon([SARA, KIM]), [addOp(KIM)], [added(KIM), added(KIM)])[0]).toMatch(/^phantom: /);
    expect(details(withFalcon([SARA, KIM]), [addOp(KIM), removeOp(KIM), addOp(KIM)], [added(KIM), added(KIM)])[0]).toMatch(/^reported twice: /);
    expect(details(withLene('Online'), [presenceOp('Online', 'Away')], [presence(LENE, 'DoNotDisturb')])[0]).toMatch(/^phantom value: /);
    expect(details(withLene('Online'), [presenceOp('Busy', 'Away'), presenceOp('Online', 'Busy')], [presence(LENE, 'Busy')])[0]).toMatch(/^wrong final value: /);
    expect(details(before, [], [{ kind: 'groupAdded', at: 0, group: 'Nowhere' }])).toEqual(['phantom: groupAdded Nowhere names a group the server never had']);
  });
});
