import { filter, firstValueFrom, map, race, take, timer, type Observable, type SchedulerLike } from 'rxjs';
import { englishTranslator, type Translator } from '../../shared/i18n';
import type { Availability } from '../../shared/availability';
import { EMPTY_CONTACT_LIST, type ContactCard, type ContactList, type Group, type SearchResult } from '../../shared/models';
import type { Engine } from '../core/engine-api';
import { isContactListError } from '../core/ucwa/people/contact-list-error';
import { describeCommandFailure, describeCommandProblem, type CommandFailure } from './command-messages';
import { MAX_COMMAND_LINE, parseCommandLine, type CommandName, type HeadlessCommand } from './command-parser';
import { findGroup, groupHas, listHas, sameName, sameUri } from './group-reference';
import type { StreamLine } from './line-splitter';

/** One NDJSON object the command stream answers with. */
export type CommandAnswer =
  | { readonly type: 'result'; readonly command: CommandName | null; readonly ok: true }
  /** `reason` is a stable code for scripts; `error` says what to fix in the user's language. */
  | { readonly type: 'result'; readonly command: CommandName | null; readonly ok: false; readonly reason: string; readonly error: string }
  | { readonly type: 'searchResults'; readonly query: string; readonly results: readonly SearchRow[]; readonly distributionGroups: readonly { readonly uri: string; readonly name: string }[]; readonly moreResultsAvailable: boolean }
  | ({ readonly type: 'contactCard' } & CardFields);

/** A search hit; `availability` is the contact list's when the person is on it, else what the search read. */
export interface SearchRow {
  readonly uri: string;
  readonly name: string;
  readonly title: string | null;
  readonly department: string | null;
  readonly availability: Availability;
}

/** A contact card as printed: the card's fields (absent ones `null`), without the photo's href. */
export type CardFields = Readonly<Record<string, unknown>> & { readonly uri: string; readonly availability: Availability };

/** What commands act on: the engine, and the contact list it currently shows. */
export interface CommandTarget {
  readonly engine: Pick<Engine, 'setAvailability' | 'resetAvailability' | 'setNote' | 'directory'>;
  /** The list once it has been read; undefined when it has not been in a reasonable time. */
  contactList(): Promise<ContactList | undefined>;
  /**
   * Resolves once the list satisfies `done`, or after a bounded wait. A change is answered once the
   * subscription has brought it back, so the next line (add to the group just made) finds it.
   */
  reflected(done: (list: ContactList) => boolean): Promise<void>;
}

/** How long a change may take to come back through the contacts subscription before it is answered anyway. */
export const REFLECT_WAIT_MS = 15_000;

/** `contactList` and `reflected` over the engine's replaying `contacts$`. */
export function watchContactList(contacts$: Observable<ContactList>, scheduler: SchedulerLike, waitMs = REFLECT_WAIT_MS): Pick<CommandTarget, 'contactList' | 'reflected'> {
  const loaded$ = contacts$.pipe(filter((list) => list !== EMPTY_CONTACT_LIST));
  const within = <T>(source: Observable<T>): Promise<T | undefined> =>
    firstValueFrom(race(source.pipe(take(1)), timer(waitMs, scheduler).pipe(map(() => undefined))), { defaultValue: undefined });
  return {
    contactList: () => within(loaded$),
    reflected: async (done) => {
      await within(loaded$.pipe(filter(done)));
    },
  };
}

/** The answers to one line of the command stream: a typed problem, or what the command did. */
export async function answerLine(line: StreamLine, target: CommandTarget, messages: Translator = englishTranslator()): Promise<readonly CommandAnswer[]> {
  if (line.kind === 'tooLong') return [refused(null, 'tooLong', describeCommandProblem({ code: 'tooLong', max: MAX_COMMAND_LINE }, messages))];
  const parsed = parseCommandLine(line.text);
  if (!parsed.ok) return [refused(parsed.command, parsed.problem.code, describeCommandProblem(parsed.problem, messages))];
  return runCommand(parsed.command, target, messages);
}

/** Carries out one command. Never rejects: every failure is an `ok:false` answer. */
export async function runCommand(command: HeadlessCommand, target: CommandTarget, messages: Translator = englishTranslator()): Promise<readonly CommandAnswer[]> {
  try {
    const outcome = await perform(command, target);
    if ('failure' in outcome) return [refused(command.command, outcome.failure.code, describeCommandFailure(command.command, outcome.failure, messages))];
    return [...outcome.lines, { type: 'result', command: command.command, ok: true }];
  } catch (error) {
    const failure: CommandFailure = { code: isContactListError(error) ? error.reason : 'failed' };
    return [refused(command.command, failure.code, describeCommandFailure(command.command, failure, messages))];
  }
}

type Outcome = { readonly lines: readonly CommandAnswer[] } | { readonly failure: CommandFailure };
const DONE: Outcome = { lines: [] };

async function perform(command: HeadlessCommand, target: CommandTarget): Promise<Outcome> {
  const { engine } = target;
  switch (command.command) {
    case 'setAvailability':
      await engine.setAvailability(command.availability);
      return DONE;
    case 'setNote':
      await engine.setNote(command.note);
      return DONE;
    case 'reset':
      await engine.resetAvailability();
      return DONE;
    case 'search': {
      const [result, list] = await Promise.all([engine.directory.search(command.query, command.limit), target.contactList()]);
      return { lines: [searchAnswer(result, list)] };
    }
    case 'contactCard': {
      const [card, list] = await Promise.all([engine.directory.contactCard(command.uri), target.contactList()]);
      return { lines: [cardAnswer(card, list)] };
    }
    case 'createGroup':
      await engine.directory.createGroup(command.name);
      await target.reflected((list) => list.groups.some((group) => sameName(group.name, command.name)));
      return DONE;
    default:
      return changeGroup(command, target);
  }
}

/** The commands that name a group (or may): resolved against the current list first. */
async function changeGroup(
  command: Extract<HeadlessCommand, { command: 'addContact' | 'removeContact' | 'renameGroup' | 'deleteGroup' }>,
  target: CommandTarget,
): Promise<Outcome> {
  const { directory } = target.engine;
  if (command.command === 'removeContact' && command.group === undefined) {
    await directory.removeContactFromAllGroups(command.uri);
    await target.reflected((list) => !listHas(list, command.uri));
    return DONE;
  }
  if (command.command === 'addContact' && command.group === undefined) {
    await directory.addContact(command.uri);
    await target.reflected((list) => listHas(list, command.uri));
    return DONE;
  }
  const resolved = await resolveGroup(target, command.group as string);
  if (!('id' in resolved)) return resolved;
  const id = resolved.id;
  switch (command.command) {
    case 'addContact':
      await directory.addContact(command.uri, id);
      await target.reflected((list) => groupHas(list, id, command.uri));
      return DONE;
    case 'removeContact':
      await directory.removeContactFromGroup(command.uri, id);
      await target.reflected((list) => !groupHas(list, id, command.uri));
      return DONE;
    case 'renameGroup':
      await directory.renameGroup(id, command.name);
      await target.reflected((list) => list.groups.some((group) => group.id === id && sameName(group.name, command.name)));
      return DONE;
    case 'deleteGroup':
      await directory.deleteGroup(id);
      await target.reflected((list) => !list.groups.some((group) => group.id === id));
      return DONE;
  }
}

async function resolveGroup(target: CommandTarget, reference: string): Promise<Group | { readonly failure: CommandFailure }> {
  const list = await target.contactList();
  if (list === undefined) return { failure: { code: 'contactListNotRead' } };
  const found = findGroup(list, reference);
  if (found.ok) return found.group;
  return { failure: found.code === 'groupAmbiguous' ? { code: 'groupAmbiguous', group: reference, matches: found.matches } : { code: 'groupNotFound', group: reference } };
}

function refused(command: CommandName | null, reason: string, error: string): CommandAnswer {
  return { type: 'result', command, ok: false, reason, error };
}

/** The contact list's availability for `uri`, `Unknown` when the person is not on it (or not read). */
function availabilityOf(list: ContactList | undefined, uri: string): Availability {
  if (list === undefined) return 'Unknown';
  const key = Object.keys(list.contacts).find((candidate) => sameUri(candidate, uri));
  return key === undefined ? 'Unknown' : (list.contacts[key]?.availability ?? 'Unknown');
}

function searchAvailability(listed: Availability, searched: Availability | undefined): Availability {
  return listed !== 'Unknown' ? listed : (searched ?? 'Unknown');
}

function searchAnswer(result: SearchResult, list: ContactList | undefined): CommandAnswer {
  return {
    type: 'searchResults',
    query: result.query,
    results: result.contacts.map((contact) => ({
      uri: contact.uri,
      name: contact.name,
      title: contact.title ?? null,
      department: contact.department ?? null,
      availability: searchAvailability(availabilityOf(list, contact.uri), contact.availability),
    })),
    distributionGroups: result.distributionGroups.map((group) => ({ uri: group.uri, name: group.name })),
    moreResultsAvailable: result.moreResultsAvailable,
  };
}

function cardAnswer(card: ContactCard, list: ContactList | undefined): CommandAnswer {
  return {
    type: 'contactCard',
    uri: card.uri,
    name: card.name,
    title: card.title ?? null,
    department: card.department ?? null,
    company: card.company ?? null,
    office: card.office ?? null,
    emailAddresses: card.emailAddresses,
    workPhoneNumber: card.workPhoneNumber ?? null,
    mobilePhoneNumber: card.mobilePhoneNumber ?? null,
    note: card.note ?? null,
    location: card.location ?? null,
    modalities: card.modalities,
    hasPhoto: card.photoHref !== undefined,
    availability: availabilityOf(list, card.uri),
  };
}
