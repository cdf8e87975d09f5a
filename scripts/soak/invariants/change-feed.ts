import type { Change } from '../../../shared/models';
import type { LedgerEntry } from '../ledger';
import type { Truth } from '../truth';
import type { Violation } from './violation';

/** The interval between two checkpoints: server state at both ends, the soak's changes, the feed. */
export interface FeedInterval {
  readonly before: Truth;
  readonly after: Truth;
  readonly ledger: readonly LedgerEntry[];
  readonly changes: readonly Change[];
}

/** One thing the feed reports on (a group's existence or name, a membership, a contact's presence). */
interface Track {
  /** Values the soak set, in order. */
  readonly ops: string[];
  /** Values the feed reported, in order. */
  readonly events: string[];
}

const PRESENT = 'present';
const ABSENT = 'absent';
const IN = 'in';
const OUT = 'out';

/**
 * Every server-side change appears in `changes$` exactly once: no phantom, none lost. The feed is
 * documented as the diff between successive contact lists (state/change-feed.ts), so it may
 * coalesce: changes the engine reads in one go show as their net effect (a change and its undo as
 * nothing; a membership change inside a group added or removed meanwhile as the group change;
 * presence learned for the first time as nothing). What it may not do is report more changes for
 * one thing than the server made, report a value nobody set, report the same state twice in a
 * row, or miss a net change. Pure.
 */
export function changesMatchLedger(interval: FeedInterval): Violation[] {
  const { before, after } = interval;
  const out: Violation[] = [];
  const bad = (detail: string): void => {
    out.push({ invariant: 'changeFeed', detail });
  };
  const idOf = groupIdsByName(interval);
  const tracks = new Map<string, Track>();
  const track = (key: string): Track => {
    let t = tracks.get(key);
    if (t === undefined) tracks.set(key, (t = { ops: [], events: [] }));
    return t;
  };

  for (const entry of interval.ledger) {
    switch (entry.kind) {
      case 'groupAdded':
      case 'groupRemoved':
        track(`group:${entry.groupId}`).ops.push(entry.kind === 'groupAdded' ? PRESENT : ABSENT);
        break;
      case 'groupRenamed':
        track(`name:${entry.groupId}`).ops.push(entry.group);
        break;
      case 'contactAdded':
      case 'contactRemoved':
        track(`member:${entry.groupId}:${entry.uri.toLowerCase()}`).ops.push(entry.kind === 'contactAdded' ? IN : OUT);
        break;
      case 'contactPresenceChanged':
        if (entry.availability !== entry.previous) track(`presence:${entry.uri.toLowerCase()}`).ops.push(entry.availability);
        break;
      default:
        break;
    }
  }
  for (const change of interval.changes) {
    const key = feedKey(change, idOf);
    if (key === undefined) {
      bad(`phantom: ${describeChange(change)} names a group the server never had`);
      continue;
    }
    track(key.key).events.push(key.value);
  }

  for (const [key, t] of tracks) {
    const start = stateAt(before, key);
    const end = stateAt(after, key);
    const shown = `${key}: server ${start ?? '∅'} → [${t.ops.join(', ')}] → ${end ?? '∅'}, feed [${t.events.join(', ')}]`;
    if (t.events.length > t.ops.length) {
      bad(`phantom: ${shown}`);
      continue;
    }
    const allowed = new Set([...t.ops, ...(start === undefined ? [] : [start])]);
    if (t.events.some((v) => !allowed.has(v))) {
      bad(`phantom value: ${shown}`);
      continue;
    }
    const repeated = t.events.some((v, i) => v === (i === 0 ? start : t.events[i - 1]));
    if (repeated) {
      bad(`reported twice: ${shown}`);
      continue;
    }
    // Net changes are owed only where the thing exists at both ends (otherwise the feed folds them).
    if (start === undefined || end === undefined) continue;
    if (start !== end && t.events.length === 0) bad(`lost: ${shown}`);
    else if (t.events.length > 0 && t.events.at(-1) !== end) bad(`wrong final value: ${shown}`);
  }
  return out;
}

function groupIdsByName(interval: FeedInterval): Map<string, string> {
  const ids = new Map<string, string>();
  for (const g of [...interval.before.groups, ...interval.after.groups]) ids.set(g.name, g.id);
  for (const entry of interval.ledger) {
    if ('groupId' in entry) ids.set(entry.group, entry.groupId);
    if (entry.kind === 'groupRenamed') ids.set(entry.previousGroup, entry.groupId);
  }
  return ids;
}

function feedKey(change: Change, idOf: ReadonlyMap<string, string>): { key: string; value: string } | undefined {
  if (change.kind === 'contactPresenceChanged') return { key: `presence:${(change.contactUri ?? '').toLowerCase()}`, value: change.availability ?? 'Unknown' };
  const id = change.group === undefined ? undefined : idOf.get(change.group);
  if (id === undefined) return undefined;
  switch (change.kind) {
    case 'groupAdded':
      return { key: `group:${id}`, value: PRESENT };
    case 'groupRemoved':
      return { key: `group:${id}`, value: ABSENT };
    case 'groupRenamed':
      return { key: `name:${id}`, value: change.group ?? '' };
    case 'contactAdded':
      return { key: `member:${id}:${(change.contactUri ?? '').toLowerCase()}`, value: IN };
    case 'contactRemoved':
      return { key: `member:${id}:${(change.contactUri ?? '').toLowerCase()}`, value: OUT };
  }
}

/** The value a track has in `truth`; undefined where it is not defined (see the net-change rule). */
function stateAt(truth: Truth, key: string): string | undefined {
  const [kind, id, ...rest] = key.split(':');
  const group = truth.groups.find((g) => g.id === id);
  switch (kind) {
    case 'group':
      return group === undefined ? ABSENT : PRESENT;
    case 'name':
      return group?.name;
    case 'member':
      return group === undefined ? undefined : group.members.includes(rest.join(':')) ? IN : OUT;
    case 'presence': {
      const uri = [id, ...rest].join(':');
      return truth.contacts[uri]?.availability;
    }
    default:
      return undefined;
  }
}

/** One line for a feed entry. */
export function describeChange(change: Change): string {
  const parts = [change.kind, change.previousGroup !== undefined ? `${change.previousGroup} →` : '', change.group ?? '', change.contactUri ?? '', change.availability ?? ''];
  return parts.filter((p) => p !== '').join(' ');
}
