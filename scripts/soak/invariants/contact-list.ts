import type { ContactList } from '../../../shared/models';
import type { Truth } from '../truth';
import type { Violation } from './violation';

const lower = (uri: string): string => uri.toLowerCase();
const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

/**
 * The engine's contact list equals the server's: the same groups (by id) with the same name, kind
 * and members, and every member with the server's availability and note. Pure.
 */
export function contactListMatches(engine: ContactList, truth: Truth): Violation[] {
  const out: Violation[] = [];
  const bad = (detail: string): void => {
    out.push({ invariant: 'contactList', detail });
  };
  const mine = new Map(engine.groups.map((g) => [g.id, g]));
  for (const group of truth.groups) {
    const seen = mine.get(group.id);
    if (seen === undefined) {
      bad(`group ${group.name} (${group.id}) is missing`);
      continue;
    }
    if (seen.name !== group.name) bad(`group ${group.id} is named ${seen.name}, server: ${group.name}`);
    if (seen.kind !== group.kind) bad(`group ${group.name} is ${seen.kind}, server: ${group.kind}`);
    const members = seen.contactUris.map(lower);
    if (!sameSet(members, group.members)) bad(`group ${group.name} has [${members.join(', ')}], server: [${group.members.join(', ')}]`);
  }
  const known = new Set(truth.groups.map((g) => g.id));
  for (const group of engine.groups) if (!known.has(group.id)) bad(`group ${group.name} (${group.id}) is not on the server`);
  const contacts = new Map(Object.values(engine.contacts).map((c) => [lower(c.uri), c]));
  for (const [uri, want] of Object.entries(truth.contacts)) {
    const seen = contacts.get(uri);
    if (seen === undefined) {
      bad(`contact ${uri} is missing`);
      continue;
    }
    if (seen.availability !== want.availability) bad(`contact ${uri} shows ${seen.availability}, server: ${want.availability}`);
    if ((seen.note ?? '') !== want.note) bad(`contact ${uri} has note "${seen.note ?? ''}", server: "${want.note}"`);
  }
  return out;
}
