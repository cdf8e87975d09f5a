import {
  catchError,
  concat,
  concatMap,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  from,
  ignoreElements,
  interval,
  map,
  merge,
  type Observable,
  of,
  retry,
  scan,
  type SchedulerLike,
  shareReplay,
  switchMap,
  tap,
  throwError,
  timer,
} from 'rxjs';
import type { Availability } from '../../../../shared/availability';
import { type Change, type Contact, type ContactList, EMPTY_CONTACT_LIST } from '../../../../shared/models';
import type { Logger } from '../../ports';
import { changeFeed, type StampedContactList } from '../../state/change-feed';
import { reduceContactList } from '../../state/contact-list-reducer';
import type { PeopleAction } from '../../state/people-action';
import { batchGet } from '../batch';
import type { ResourceClient, ResourceResponse } from '../resource-client';
import { isUcwaError } from '../ucwa-error';
import type { UcwaEvent } from '../ucwa-event';
import { PeopleIndex } from './people-index';
import {
  type ContactResource,
  type GroupResource,
  isGroupRel,
  parseContact,
  parseContactNote,
  parseContactPresence,
  parseContacts,
  parseContactsSubscription,
  parseGroup,
  parseMyGroups,
  parsePresenceSubscription,
  type PresenceSubscriptionLinks,
} from './people-resources';

export interface PeopleContext {
  readonly client: ResourceClient;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Absolute hrefs: application `_embedded.people._links` (rel → href) and application `_links.batch`. */
  readonly links: { readonly people: Readonly<Record<string, string>>; readonly batch: string | undefined };
  /** Every event from the event channel, in order (all senders; people filters what it needs). */
  readonly events$: Observable<UcwaEvent>;
  /** Emits 'resync' (re-read transient state) or 'resume' (re-create subscriptions) as the channel says. */
  readonly channelReset$: Observable<'resync' | 'resume'>;
}

/** Minutes asked for both subscriptions: the documented cap (§6.5, §6.7). */
export const SUBSCRIPTION_MINUTES = 30;
/** Refresh ~5 minutes before a 30-minute subscription ends, even if no warning event came. */
export const SUBSCRIPTION_REFRESH_MS = (SUBSCRIPTION_MINUTES - 5) * 60_000;
const MAX_RETRY_DELAY_MS = 60_000;
/** Retries of one event's reads after transient failures (network, 408, 429, 5xx). */
const EVENT_RETRIES = 3;
/** Retries of one batched presence/note read before its updates are given up (logged). */
const STATUS_RETRIES = 4;

/**
 * The user's contact list, live: reads groups and their members (members of all groups in one
 * batch), keeps the contacts-and-groups and contact-presence subscriptions alive, and follows
 * `people` events. Each new context (new application, after a resync) re-reads everything; since
 * the change feed is the diff between successive lists, nothing is lost or reported twice.
 *
 * `contacts$` emits the first list once it is read, then every change; it keeps the last list while
 * `context$` is null. `changes$` is a feed (no replay). Both share one subscription to the work.
 */
export function people(context$: Observable<PeopleContext | null>): {
  contacts$: Observable<ContactList>;
  changes$: Observable<Change>;
} {
  const stamped$ = context$.pipe(
    switchMap((context) =>
      context ? peopleActions(context).pipe(map((action) => ({ action, at: context.scheduler.now() }))) : EMPTY,
    ),
    scan(
      (state, { action, at }) => ({
        list: reduceContactList(state.list, action),
        at,
        loaded: state.loaded || action.type === 'listLoaded',
      }),
      { list: EMPTY_CONTACT_LIST, at: 0, loaded: false },
    ),
    filter((state) => state.loaded),
    distinctUntilChanged((a, b) => a.list === b.list),
    map((state): StampedContactList => ({ list: state.list, at: state.at })),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  return {
    contacts$: stamped$.pipe(map((state) => state.list)),
    changes$: stamped$.pipe(changeFeed()),
  };
}

type Work =
  | { readonly kind: 'load'; readonly resume: boolean }
  | { readonly kind: 'event'; readonly event: UcwaEvent }
  | { readonly kind: 'refresh' };

/**
 * Everything one application's people session does, as actions. Work items (loads, events, timer
 * refreshes) run strictly one after another so events are applied in order and never before the
 * list they modify has been read; a failing item is logged and skipped, never fatal.
 */
export function peopleActions(context: PeopleContext): Observable<PeopleAction> {
  return defer(() => new PeopleSession(context).actions$());
}

class PeopleSession {
  private readonly index = new PeopleIndex();
  /** contactPresence/contactNote hrefs waiting for one batched GET (→ which, and the contact it was `in`). */
  private readonly pendingStatus = new Map<string, PendingStatus>();
  private contactsSubscriptionStart: string | undefined;
  private presenceSubscription: PresenceSubscriptionLinks | undefined;
  private readonly subscribedUris = new Set<string>();
  /** Every contact we list, so a re-created presence subscription covers them all. */
  private readonly wantedUris = new Set<string>();

  constructor(private readonly context: PeopleContext) {}

  actions$(): Observable<PeopleAction> {
    const { scheduler } = this.context;
    const work$: Observable<Work> = merge(
      of<Work>({ kind: 'load', resume: false }),
      this.context.channelReset$.pipe(map((reset): Work => ({ kind: 'load', resume: reset === 'resume' }))),
      this.context.events$.pipe(
        filter((event) => event.sender.rel === 'people'),
        // Collected on arrival so one P-GET's worth of presence/note updates becomes one batch.
        tap((event) => {
          const rel = event.link.rel;
          if ((rel === 'contactPresence' || rel === 'contactNote') && event.type === 'updated' && payload(event) === undefined) {
            this.pendingStatus.set(event.link.href, { rel, contactHref: event.in?.href });
          }
        }),
        map((event): Work => ({ kind: 'event', event })),
      ),
      interval(SUBSCRIPTION_REFRESH_MS, scheduler).pipe(map((): Work => ({ kind: 'refresh' }))),
    );
    return work$.pipe(
      concatMap((work) =>
        this.handle(work).pipe(
          // Event handling is idempotent, so a transient failure is simply tried again.
          retry({
            count: work.kind === 'event' ? EVENT_RETRIES : 0,
            delay: (error: unknown, attempt: number) =>
              isTransient(error) ? this.backoff(`people: handling a ${work.kind}`, error, attempt) : throwError(() => error),
          }),
          catchError((error: unknown) => {
            this.warn(`people: ${work.kind} failed, skipped`, error);
            return EMPTY;
          }),
        ),
      ),
    );
  }

  private handle(work: Work): Observable<PeopleAction> {
    switch (work.kind) {
      case 'load':
        return this.load(work.resume);
      case 'refresh':
        return concat(this.refreshContactsSubscription(), this.extendPresenceSubscription()).pipe(ignoreElements());
      case 'event':
        return this.onEvent(work.event);
    }
  }

  // ---- full read -------------------------------------------------------------------------------

  private load(resume: boolean): Observable<PeopleAction> {
    if (resume) {
      // The server dropped our subscriptions (§5.2 resume): forget them so they are re-created.
      this.contactsSubscriptionStart = undefined;
      this.presenceSubscription = undefined;
      this.subscribedUris.clear();
    }
    // Subscribe to list changes BEFORE reading the list: a change made in between then arrives as
    // an event (queued behind this read) instead of being lost.
    const subscribeFirst = defer(() => (this.contactsSubscriptionStart === undefined ? this.startContactsSubscription() : EMPTY));
    const read = this.readAll().pipe(
      retry({ delay: (error: unknown, attempt: number) => this.backoff('people: reading the contact list', error, attempt) }),
      concatMap((list) => {
        this.wantedUris.clear();
        return concat(of<PeopleAction>({ type: 'listLoaded', list }), this.ensurePresenceSubscription(Object.keys(list.contacts)));
      }),
    );
    return concat(subscribeFirst, read);
  }

  private readAll(): Observable<ContactList> {
    const myGroups = this.context.links.people['myGroups'];
    if (myGroups === undefined) return of(EMPTY_CONTACT_LIST); // no link = no contact-list rights
    return this.context.client.request({ method: 'GET', href: myGroups }).pipe(
      map((response) => parseMyGroups(response.body, response.url)),
      concatMap((groups) => this.readMembers(groups)),
      concatMap((members) => this.readStatus(members.flatMap((m) => m.contacts)).pipe(map((status) => ({ members, status })))),
      map(({ members, status }) => {
        this.index.clear();
        const contacts: Record<string, Contact> = {};
        for (const { group, contacts: list } of members) {
          this.index.addGroup(group);
          for (const resource of list) {
            this.index.addContact(resource);
            const known = status.get(resource.contact.uri);
            contacts[resource.contact.uri] = {
              ...resource.contact,
              availability: known?.availability ?? 'Unknown',
              ...(known?.note ? { note: known.note } : {}),
            };
          }
        }
        return {
          groups: members.map(({ group, contacts: list }) => ({ ...group.group, contactUris: list.map((c) => c.contact.uri) })),
          contacts,
        };
      }),
    );
  }

  /** Every group's groupContacts in one batch (§7), not one request per group. */
  private readMembers(
    groups: readonly GroupResource[],
  ): Observable<{ group: GroupResource; contacts: ContactResource[] }[]> {
    const hrefs = groups.flatMap((group) => (group.groupContacts === undefined ? [] : [group.groupContacts]));
    return batchGet(this.context.client, this.context.links.batch, hrefs).pipe(
      map((answers) => {
        const byHref = new Map(hrefs.map((href, i) => [href, answers[i]]));
        return groups.map((group) => {
          const answer = group.groupContacts === undefined ? undefined : byHref.get(group.groupContacts);
          return { group, contacts: answer && ok(answer) ? parseContacts(answer.body, answer.url) : [] };
        });
      }),
    );
  }

  /** Availability and note of the given contacts: one batch of their contactPresence and contactNote links. */
  private readStatus(contacts: readonly ContactResource[]): Observable<Map<string, { availability: Availability; note?: string }>> {
    const parts: { uri: string; rel: StatusRel; href: string }[] = [];
    const seen = new Set<string>();
    for (const { contact, contactPresence, contactNote } of contacts) {
      if (seen.has(contact.uri)) continue;
      seen.add(contact.uri);
      if (contactPresence !== undefined) parts.push({ uri: contact.uri, rel: 'contactPresence', href: contactPresence });
      if (contactNote !== undefined) parts.push({ uri: contact.uri, rel: 'contactNote', href: contactNote });
    }
    return batchGet(
      this.context.client,
      this.context.links.batch,
      parts.map((part) => part.href),
    ).pipe(
      map((answers) => {
        const status = new Map<string, { availability: Availability; note?: string }>();
        answers.forEach((answer, i) => {
          const part = parts[i];
          if (part === undefined || !ok(answer)) return;
          const entry = status.get(part.uri) ?? { availability: 'Unknown' };
          if (part.rel === 'contactPresence') entry.availability = parseContactPresence(answer.body);
          else entry.note = parseContactNote(answer.body);
          status.set(part.uri, entry);
        });
        return status;
      }),
    );
  }

  // ---- events (§6.6, §6.4, §6.5, §6.7) -------------------------------------------------------

  private onEvent(event: UcwaEvent): Observable<PeopleAction> {
    const rel = event.link.rel;
    if (isGroupRel(rel)) return this.onGroupEvent(event);
    switch (rel) {
      case 'contact':
        return this.onContactEvent(event);
      case 'contactPresence':
      case 'contactNote':
        return event.type === 'updated' ? this.onStatusEvent(event, rel) : EMPTY;
      case 'myContactsAndGroupsSubscription':
        return event.type === 'updated' ? this.refreshContactsSubscription().pipe(ignoreElements()) : EMPTY;
      case 'presenceSubscription':
        if (event.type === 'updated') return this.extendPresenceSubscription().pipe(ignoreElements());
        if (event.type === 'deleted' && this.isOurPresenceSubscription(event.link.href)) {
          this.presenceSubscription = undefined;
          this.subscribedUris.clear();
          return this.ensurePresenceSubscription(this.knownUris());
        }
        return EMPTY;
      default:
        return EMPTY;
    }
  }

  private onGroupEvent(event: UcwaEvent): Observable<PeopleAction> {
    if (event.type === 'deleted') {
      // A deleted resource cannot be read (it would 404): we know it by its href.
      const known = this.index.group(event.link.href);
      return known ? of<PeopleAction>({ type: 'groupRemoved', groupId: known.group.id }) : EMPTY;
    }
    if (event.type !== 'added' && event.type !== 'updated') return EMPTY;
    // Re-GET the group and its members: a rename or membership change may be behind an update.
    return this.readResource(event).pipe(
      map((response) => parseGroup(response.body, response.url, event.link.rel)),
      concatMap((group) => {
        if (!group) return EMPTY;
        this.index.addGroup(group, event.link.href);
        return this.readMembers([group]).pipe(
          concatMap(([members]) => {
            const contacts = members?.contacts ?? [];
            for (const contact of contacts) this.index.addContact(contact);
            const action: PeopleAction = {
              type: 'groupUpserted',
              group: { ...group.group, contactUris: contacts.map((c) => c.contact.uri) },
              contacts: contacts.map((c) => c.contact),
            };
            return concat(of(action), this.afterNewContacts(contacts));
          }),
        );
      }),
    );
  }

  private onContactEvent(event: UcwaEvent): Observable<PeopleAction> {
    // myContacts / subscribedContacts membership is mirrored by the per-group events: only those count.
    const group = this.index.group(event.in?.href);
    if (!group || !isGroupRel(event.in?.rel)) return EMPTY;
    if (event.type === 'deleted') {
      const uri = this.index.contactUri(event.link.href);
      return uri === undefined ? EMPTY : of<PeopleAction>({ type: 'contactRemoved', groupId: group.group.id, uri });
    }
    if (event.type !== 'added') return EMPTY;
    return this.readResource(event).pipe(
      concatMap((response) => {
        const contact = parseContact(response.body, response.url);
        if (!contact) return EMPTY;
        this.index.addContact(contact, event.link.href);
        return concat(
          of<PeopleAction>({ type: 'contactAdded', groupId: group.group.id, contact: contact.contact }),
          this.afterNewContacts([contact]),
        );
      }),
    );
  }

  private onStatusEvent(event: UcwaEvent, rel: StatusRel): Observable<PeopleAction> {
    const body = payload(event);
    if (body !== undefined) {
      const uri = this.index.statusUri(event.link.href, event.in?.href);
      return uri === undefined ? EMPTY : of(statusAction(uri, rel, body));
    }
    // Let the rest of this P-GET's events arrive first, then read everything pending in one batch.
    return timer(0, this.context.scheduler).pipe(concatMap(() => this.drainPendingStatus()));
  }

  private drainPendingStatus(): Observable<PeopleAction> {
    // Deferred: reads session state when it runs, not when the pipeline is built.
    return defer(() => {
      const pending = [...this.pendingStatus];
      this.pendingStatus.clear();
      if (pending.length === 0) return EMPTY;
      return batchGet(
        this.context.client,
        this.context.links.batch,
        pending.map(([href]) => href),
      ).pipe(
        // A 429 or 5xx on the batch must not lose these updates: they are not announced again.
        retry({
          count: STATUS_RETRIES,
          delay: (error: unknown, attempt: number) => this.backoff('people: reading presence updates', error, attempt),
        }),
        concatMap((answers) =>
          from(
            answers.flatMap((answer, i): PeopleAction[] => {
              const [href, { rel, contactHref }] = pending[i]!;
              const uri = this.index.statusUri(href, contactHref);
              return uri !== undefined && ok(answer) ? [statusAction(uri, rel, answer.body)] : [];
            }),
          ),
        ),
      );
    });
  }

  /** New members: read their presence now and add them to the presence subscription. */
  private afterNewContacts(contacts: readonly ContactResource[]): Observable<PeopleAction> {
    for (const contact of contacts) {
      if (contact.contactPresence !== undefined) this.pendingStatus.set(contact.contactPresence, { rel: 'contactPresence', contactHref: contact.self });
      if (contact.contactNote !== undefined) this.pendingStatus.set(contact.contactNote, { rel: 'contactNote', contactHref: contact.self });
    }
    return concat(
      this.drainPendingStatus(),
      this.ensurePresenceSubscription(contacts.map((c) => c.contact.uri)),
    );
  }

  private readResource(event: UcwaEvent): Observable<ResourceResponse> {
    const body = payload(event);
    if (body !== undefined) return of({ url: event.link.href, status: 200, headers: {}, body, text: '' });
    return this.context.client.request({ method: 'GET', href: event.link.href });
  }

  // ---- subscriptions -----------------------------------------------------------------------------

  /** GET myContactsAndGroupsSubscription for its start link, then start it (seed 002). */
  private startContactsSubscription(): Observable<never> {
    // Deferred: reads session state when it runs, not when the pipeline is built.
    return defer(() => {
      const href = this.context.links.people['myContactsAndGroupsSubscription'];
      if (href === undefined) return EMPTY;
      return this.context.client.request({ method: 'GET', href }).pipe(
        concatMap((response) => {
          this.contactsSubscriptionStart = parseContactsSubscription(response.body, response.url);
          return this.refreshContactsSubscription();
        }),
        this.tolerate('people: starting the contacts-and-groups subscription'),
      );
    });
  }

  /** startOrRefresh with the duration as a query parameter (the client adds it with a URL builder). */
  private refreshContactsSubscription(): Observable<never> {
    // Deferred: reads session state when it runs, not when the pipeline is built.
    return defer(() => {
      const start = this.contactsSubscriptionStart;
      if (start === undefined) return this.context.links.people['myContactsAndGroupsSubscription'] ? this.startContactsSubscription() : EMPTY;
      return this.context.client
        .request({ method: 'POST', href: start, query: { duration: String(SUBSCRIPTION_MINUTES) } })
        .pipe(ignoreElements(), this.tolerate('people: refreshing the contacts-and-groups subscription'));
    });
  }

  /** Creates the presence subscription, or adds the URIs it does not cover yet. */
  private ensurePresenceSubscription(uris: readonly string[]): Observable<never> {
    // Deferred: reads session state when it runs, not when the pipeline is built.
    return defer(() => {
      uris.forEach((uri) => this.wantedUris.add(uri));
      const missing = [...new Set(uris)].filter((uri) => !this.subscribedUris.has(uri));
      if (missing.length === 0) return EMPTY;
      const current = this.presenceSubscription;
      if (current?.addToPresenceSubscription !== undefined) {
        return this.context.client
          .request({ method: 'POST', href: current.addToPresenceSubscription, json: { contactUris: missing } })
          .pipe(
            tap(() => missing.forEach((uri) => this.subscribedUris.add(uri))),
            ignoreElements(),
            this.tolerate('people: adding contacts to the presence subscription'),
          );
      }
      const create = this.context.links.people['presenceSubscriptions'];
      if (create === undefined) return EMPTY;
      const all = [...new Set([...this.subscribedUris, ...missing])];
      return this.context.client
        .request({ method: 'POST', href: create, json: { duration: SUBSCRIPTION_MINUTES, uris: all } })
        .pipe(
          tap((response) => {
            this.presenceSubscription = parsePresenceSubscription(response.body, response.url);
            all.forEach((uri) => this.subscribedUris.add(uri));
          }),
          ignoreElements(),
          this.tolerate('people: subscribing to contact presence'),
        );
    });
  }

  /** Extends the presence subscription; if the server no longer has it (404), creates a new one. */
  private extendPresenceSubscription(): Observable<PeopleAction> {
    // Deferred: reads session state when it runs, not when the pipeline is built.
    return defer(() => {
      const current = this.presenceSubscription;
      if (current === undefined) return this.ensurePresenceSubscription(this.knownUris());
      return this.context.client
        .request({ method: 'POST', href: current.self, query: { duration: String(SUBSCRIPTION_MINUTES) } })
        .pipe(
          ignoreElements(),
          catchError((error: unknown) => {
            if (isUcwaError(error) && error.status === 404) {
              this.presenceSubscription = undefined;
              this.subscribedUris.clear();
              return this.ensurePresenceSubscription(this.knownUris());
            }
            throw error;
          }),
          this.tolerate('people: extending the presence subscription'),
        );
    });
  }

  private isOurPresenceSubscription(href: string): boolean {
    const current = this.presenceSubscription;
    return current !== undefined && sameHref(current.self, href);
  }

  private knownUris(): string[] {
    return [...this.wantedUris];
  }

  // ---- plumbing ----------------------------------------------------------------------------------

  /** Subscription trouble must not stop the contact list: log it and carry on (timers retry). */
  private tolerate<T>(what: string): (source: Observable<T>) => Observable<T> {
    return (source) =>
      source.pipe(
        catchError((error: unknown) => {
          this.warn(`${what} failed`, error);
          return EMPTY;
        }),
      );
  }

  private backoff(what: string, error: unknown, attempt: number): Observable<0> {
    const delay = Math.min(1000 * 2 ** (attempt - 1), MAX_RETRY_DELAY_MS);
    this.warn(`${what} failed, retrying`, error, { attempt, delayMs: delay });
    return timer(delay, this.context.scheduler);
  }

  private warn(message: string, error: unknown, fields: Record<string, string | number | boolean> = {}): void {
    const details: Record<string, string | number | boolean> = { ...fields };
    if (isUcwaError(error)) {
      details['kind'] = error.kind;
      if (error.status !== undefined) details['status'] = error.status;
      if (error.subcode !== undefined) details['subcode'] = error.subcode;
    } else if (error instanceof Error) {
      details['error'] = error.name;
    }
    this.context.logger.log('warn', message, details);
  }
}

type StatusRel = 'contactPresence' | 'contactNote';

interface PendingStatus {
  readonly rel: StatusRel;
  readonly contactHref: string | undefined;
}

function statusAction(uri: string, rel: StatusRel, body: unknown): PeopleAction {
  return rel === 'contactPresence'
    ? { type: 'presenceChanged', uri, availability: parseContactPresence(body) }
    : { type: 'noteChanged', uri, note: parseContactNote(body) };
}

/** Worth trying again: no answer, or an answer that says "later" (a 404 means the resource is gone). */
function isTransient(error: unknown): boolean {
  if (!isUcwaError(error)) return false;
  if (error.kind === 'network') return true;
  const status = error.status ?? 0;
  return error.kind === 'http' && (status === 408 || status === 429 || status >= 500);
}

function ok(answer: ResourceResponse): boolean {
  return answer.status >= 200 && answer.status < 300;
}

/**
 * The resource an event carries, if any. Accepts both `_embedded` as sent (`{ [rel]: resource }`)
 * and the resource itself, so it does not depend on how the channel parser flattens it.
 */
function payload(event: UcwaEvent): unknown {
  const embedded = event.embedded;
  if (typeof embedded !== 'object' || embedded === null) return undefined;
  const inner = (embedded as Record<string, unknown>)[event.link.rel];
  return inner ?? embedded;
}

function sameHref(a: string, b: string): boolean {
  try {
    return new URL(a).toString().toLowerCase() === new URL(b).toString().toLowerCase();
  } catch {
    return a === b;
  }
}
