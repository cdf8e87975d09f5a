import {
  catchError,
  concat,
  concatMap,
  defer,
  distinctUntilChanged,
  EMPTY,
  filter,
  forkJoin,
  from,
  ignoreElements,
  interval,
  map,
  merge,
  mergeMap,
  type Observable,
  of,
  retry,
  scan,
  shareReplay,
  Subject,
  switchMap,
  tap,
  throwError,
  timer,
} from 'rxjs';
import { type Change, type Contact, type ContactList, EMPTY_CONTACT_LIST, type SessionError } from '../../../../shared/models';
import type { PeopleContext } from '../../people-port';
import { backoffDelayMs, DEFAULT_BACKOFF } from '../../session/backoff';
import { toSessionError } from '../../session/session-state';
import { changeFeed, type StampedContactList } from '../../state/change-feed';
import { reduceContactList } from '../../state/contact-list-reducer';
import { sortGroups } from '../../state/group-order';
import type { PeopleAction, StatusUpdate } from '../../state/people-action';
import { coalesce } from '../../session/coalesce';
import { serialMap } from '../../session/serial-map';
import { BATCH_CONCURRENCY, BATCH_SIZE, batchGet } from '../batch';
import { classifyError, needsUser } from '../error-classification';
import type { ResourceResponse } from '../resource-client';
import { isUcwaError, UcwaError } from '../ucwa-error';
import type { UcwaEvent } from '../ucwa-event';
import { parseMemberships } from './contact-list-management';
import { type GroupMembers, joinMemberships } from './group-members';
import { PeopleIndex } from './people-index';
import {
  type ContactResource,
  type GroupResource,
  isGroupRel,
  parseContactNote,
  parseContactPresence,
  parseContacts,
  parseContactsSubscription,
  parseGroup,
  parseMyGroups,
  parsePresenceSubscription,
  type PresenceSubscriptionLinks,
} from './people-resources';

export type { PeopleContext };

/** Minutes asked for both subscriptions: the documented cap (§6.5, §6.7). */
export const SUBSCRIPTION_MINUTES = 30;
/** Refresh ~5 minutes before a 30-minute subscription ends, even if no warning event came. */
export const SUBSCRIPTION_REFRESH_MS = (SUBSCRIPTION_MINUTES - 5) * 60_000;

/**
 * The user's contact list, live: reads groups and their members (members of all groups in one
 * batch), keeps the contacts-and-groups and contact-presence subscriptions alive, and follows
 * `people` events. Each new context (new application, after a resync) re-reads everything; since
 * the change feed is the diff between successive lists, nothing is lost or reported twice.
 *
 * `contacts$` emits the first list once it is read, then every change; it keeps the last list while
 * `context$` is null. `changes$` is a feed (no replay). Both share one subscription to the work.
 * `failure$` says why the list stopped when only the user can fix it (403: no right to read it) or
 * when a programming error was hit; that application's people session then does nothing more.
 */
export function people(context$: Observable<PeopleContext | null>): {
  contacts$: Observable<ContactList>;
  changes$: Observable<Change>;
  failure$: Observable<SessionError>;
} {
  type Step = { readonly action: PeopleAction; readonly at: number } | { readonly failure: SessionError };
  interface State {
    readonly list: ContactList;
    readonly at: number;
    readonly loaded: boolean;
    readonly failure?: SessionError;
  }
  // The last list shown, so a re-read starts from what we knew instead of flashing Unknown.
  let shown: ContactList = EMPTY_CONTACT_LIST;
  const state$ = context$.pipe(
    switchMap((context) =>
      context
        ? peopleActions(context, () => shown).pipe(
            map((action): Step => ({ action, at: context.scheduler.now() })),
            catchError((error: unknown) => of<Step>({ failure: peopleFailure(error) })),
          )
        : EMPTY,
    ),
    scan(
      (state: State, step: Step): State =>
        'failure' in step
          ? { ...state, failure: step.failure }
          : {
              list: reduceContactList(state.list, step.action),
              at: step.at,
              loaded: state.loaded || step.action.type === 'listLoaded',
            },
      { list: EMPTY_CONTACT_LIST, at: 0, loaded: false },
    ),
    tap((state) => {
      shown = state.list;
    }),
    // Replayed, so a failure reached before anyone listened (it can be synchronous) is not lost.
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  const stamped$ = state$.pipe(
    filter((state) => state.loaded),
    distinctUntilChanged((a, b) => a.list === b.list),
    map((state): StampedContactList => ({ list: state.list, at: state.at })),
  );
  return {
    contacts$: stamped$.pipe(map((state) => state.list)),
    changes$: stamped$.pipe(changeFeed()),
    failure$: state$.pipe(
      map((state) => state.failure),
      distinctUntilChanged(),
      filter((failure): failure is SessionError => failure !== undefined),
    ),
  };
}

/** What the user is told when the contact list cannot be read any more. */
function peopleFailure(error: unknown): SessionError {
  if (isUcwaError(error) && error.status === 403) {
    return { reason: 'forbidden', message: 'The server does not let this account read its contact list; ask your administrator.' };
  }
  if (classifyError(error) === 'bug') {
    return { reason: 'unknown', message: 'The contact list stopped because of an internal error; sign in again.' };
  }
  return toSessionError(error);
}

type Work =
  | { readonly kind: 'load'; readonly resume: boolean }
  | { readonly kind: 'event'; readonly event: UcwaEvent }
  | { readonly kind: 'refresh' }
  /** The notes of a load's later contacts, queued behind the events that came during its presence reads. */
  | { readonly kind: 'notes'; readonly load: number; readonly parts: readonly StatusPart[] };

/**
 * Everything one application's people session does, as actions. Work items (loads, events, timer
 * refreshes) run strictly one after another so events are applied in order and never before the
 * list they modify has been read. Transient failures are retried with the session's backoff
 * (honouring Retry-After) until they work; an item whose resource is gone is logged and skipped;
 * a failure only the user can fix, or a programming error, ends the stream with that error.
 */
export function peopleActions(context: PeopleContext, shown: () => ContactList = () => EMPTY_CONTACT_LIST): Observable<PeopleAction> {
  return defer(() => new PeopleSession(context, shown).actions$());
}

class PeopleSession {
  private readonly index = new PeopleIndex();
  /** contactPresence/contactNote hrefs waiting for one batched GET (→ which, and the contact it was `in`). */
  private readonly pendingStatus = new Map<string, PendingStatus>();
  private contactsSubscriptionStart: string | undefined;
  private presenceSubscription: PresenceSubscriptionLinks | undefined;
  private readonly subscribedUris = new Set<string>();
  /**
   * When each subscription runs out on the server unless refreshed: the time our last successful
   * start/refresh was sent plus its duration (the server counts from when it received it, so never
   * earlier). Past it, changes raised no events and only a re-read finds them.
   */
  private contactsAliveUntil: number | undefined;
  private presenceAliveUntil: number | undefined;
  /** A subscription request that failed transiently asks for the refresh to be tried again soon. */
  private readonly refreshSoon = new Subject<unknown>();
  /** Work a handler queues behind what is already waiting (see the `notes` work). */
  private readonly queued = new Subject<Work>();
  /** Counts loads, so a newer load's reads replace an older load's queued ones. */
  private loads = 0;
  private refreshAttempt = 0;
  /** A subscription ran out: the list is re-read once both are in place again. */
  private resubscribing = false;
  /** Every contact we list, so a re-created presence subscription covers them all. */
  private readonly wantedUris = new Set<string>();
  /**
   * A load subscribes its new contacts in two steps: all but one, then that one, the fence. The
   * fence's `contact added` event in subscribedContacts is an addition, which the server never merges
   * into a later event, and it is raised after every initial contactPresence event of the first step
   * and before any of our reads is sent. The channel keeps the order events were raised in (a merged
   * update takes the place of its latest part), so a first-step contact's contactPresence event that
   * arrives before the fence tells nothing our read will not see; one after it is a real change.
   * No clock is involved: the channel's own order tells them apart.
   */
  private fence: SignInFence | undefined;
  /** First-step contacts (person keys) whose initial event may still arrive before the fence. */
  private readonly beforeFence = new Set<string>();
  /** Their events seen before the fence: dropped when it arrives, read if it turns out not to come. */
  private readonly heldBeforeFence = new Map<string, PendingStatus>();
  /** The fence contact, subscribed: its presence comes from its initial event, not from our reads. */
  private presenceFromEvent: string | undefined;
  /** The server cannot give myGroupMemberships or myContacts: members are read group by group. */
  private membersGroupByGroup = false;

  constructor(
    private readonly context: PeopleContext,
    private readonly shown: () => ContactList,
  ) {}

  actions$(): Observable<PeopleAction> {
    const { scheduler } = this.context;
    // The first load is the last source, so the others (events above all) are listened to before
    // it sends anything: an event raised by its own requests may arrive before their answers.
    const work$: Observable<Work> = merge(
      this.context.channelReset$.pipe(map((reset): Work => ({ kind: 'load', resume: reset === 'resume' }))),
      this.context.events$.pipe(
        filter((event) => event.sender.rel === 'people'),
        // Collected on arrival so one P-GET's worth of presence/note updates becomes one batch.
        filter((event) => this.passesFence(event)),
        tap((event) => {
          const rel = event.link.rel;
          if ((rel === 'contactPresence' || rel === 'contactNote') && event.type === 'updated' && payload(event) === undefined) {
            this.pendingStatus.set(event.link.href, { rel, contactHref: event.in?.href });
          }
        }),
        map((event): Work => ({ kind: 'event', event })),
      ),
      interval(SUBSCRIPTION_REFRESH_MS, scheduler).pipe(map((): Work => ({ kind: 'refresh' }))),
      // Not the next 25-minute tick: by then a subscription whose refresh failed may have run out.
      this.refreshSoon.pipe(
        switchMap((error) => this.backoff('people: a subscription request', error, (this.refreshAttempt += 1))),
        map((): Work => ({ kind: 'refresh' })),
      ),
      (this.context.reconcile$ ?? EMPTY).pipe(map((): Work => ({ kind: 'refresh' }))),
      this.queued,
      of<Work>({ kind: 'load', resume: false }),
    );
    return work$.pipe(
      // Not concatMap: a P-GET page of initial events queued behind the list read would overflow it.
      serialMap((work) =>
        this.handle(work).pipe(
          // Event handling is idempotent, so a transient failure is simply tried again.
          this.retryTransient(`people: handling a ${work.kind}`),
          catchError((error: unknown) => {
            if (needsUser(error) || classifyError(error) === 'bug') {
              this.warn(`people: ${work.kind} failed, the contact list stops`, error);
              return throwError(() => error);
            }
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
        // A fence still missing after this long is not coming: read what it held back.
        if (this.resubscribing || this.lapsed()) return concat(this.abandonFence(true), this.resubscribeAndReread());
        return concat(
          this.abandonFence(true),
          concat(this.refreshContactsSubscription(), this.extendPresenceSubscription()).pipe(ignoreElements()),
        );
      case 'event':
        return this.onEvent(work.event);
      case 'notes':
        return work.load === this.loads ? this.readStatusParts(work.parts) : EMPTY;
    }
  }

  // ---- full read -------------------------------------------------------------------------------

  private load(resume: boolean): Observable<PeopleAction> {
    // The server dropped our subscriptions (§5.2 resume): forget them so they are re-created.
    if (resume) this.forgetSubscriptions();
    this.loads += 1;
    this.fence = undefined;
    this.presenceFromEvent = undefined;
    this.beforeFence.clear();
    this.heldBeforeFence.clear();
    // Subscribe to list changes BEFORE reading the list: a change made in between then arrives as
    // an event (queued behind this read) instead of being lost.
    const subscribeFirst = defer(() => (this.contactsSubscriptionStart === undefined ? this.startContactsSubscription() : EMPTY));
    const read = this.readStructure().pipe(
      // A list that cannot be read is not an empty list: keep the last one until a read works.
      retry({
        delay: (error: unknown, attempt: number) =>
          needsUser(error) || classifyError(error) === 'bug'
            ? throwError(() => error)
            : this.backoff('people: reading the contact list', error, attempt),
      }),
      concatMap(({ list, contacts }) => {
        this.wantedUris.clear();
        const order = readingOrder(list, this.context.readFirst?.() ?? []);
        // The subscription before any presence read, so its initial events can be told apart; the
        // structure is shown once its first request is on the wire (a macrotask later), so building
        // the window's list overlaps that round trip; then presence, first rows first.
        return concat(
          merge(this.subscribeBeforeReading(order.all), timer(0, this.context.scheduler).pipe(map((): PeopleAction => ({ type: 'listLoaded', list })))),
          this.unlessSubscribed(order.all),
          defer(() => this.readStatus(contacts, order, this.presenceFromEvent)),
        );
      }),
    );
    return concat(subscribeFirst, read);
  }

  /** Groups and their members; each contact keeps the presence and note we last knew until re-read. */
  private readStructure(): Observable<{ list: ContactList; contacts: ContactResource[] }> {
    const myGroups = this.context.links.people['myGroups'];
    if (myGroups === undefined) return of({ list: EMPTY_CONTACT_LIST, contacts: [] }); // no link = no contact-list rights
    const groups$ = this.context.client.request({ method: 'GET', href: myGroups }).pipe(map((response) => parseMyGroups(response.body, response.url)));
    return this.readAllMembers(groups$).pipe(
      map((members) => {
        this.index.clear();
        const known = this.shown().contacts;
        const contacts: Record<string, Contact> = {};
        for (const { group, contacts: list } of members) {
          this.index.addGroup(group);
          for (const resource of list) {
            this.index.addContact(resource);
            const before = known[resource.contact.uri];
            contacts[resource.contact.uri] = {
              ...resource.contact,
              availability: before?.availability ?? 'Unknown',
              ...(before?.note ? { note: before.note } : {}),
            };
          }
        }
        return {
          list: {
            groups: members.map(({ group, contacts: list }) => ({ ...group.group, contactUris: list.map((c) => c.contact.uri) })),
            contacts,
          },
          contacts: members.flatMap((m) => m.contacts),
        };
      }),
    );
  }

  /**
   * Every group's members. Where the server links myGroupMemberships and myContacts, those two are
   * read together with myGroups, in one round trip, and give the members of the user's own groups;
   * only the other groups (distribution lists) are then read through their groupContacts. A server
   * that cannot answer them (does not offer them, refuses them, answers unreadably) is read group by
   * group, from then on.
   */
  private readAllMembers(groups$: Observable<GroupResource[]>): Observable<GroupMembers[]> {
    const { myGroupMemberships, myContacts } = this.context.links.people;
    if (myGroupMemberships === undefined || myContacts === undefined || this.membersGroupByGroup) {
      return groups$.pipe(concatMap((groups) => this.readMembers(groups)));
    }
    // myContacts, the largest, is asked for before the memberships: a server answering in turn
    // then builds the memberships while we parse the contacts.
    return forkJoin([groups$, this.readOrDecline(myContacts, parseContacts), this.readOrDecline(myGroupMemberships, parseMemberships)]).pipe(
      concatMap(([groups, contacts, memberships]) => {
        if (memberships === undefined || contacts === undefined) {
          this.membersGroupByGroup = true;
          return this.readMembers(groups);
        }
        const joined = joinMemberships(groups, memberships.memberships, contacts);
        const apart = groups.filter((group) => !joined.has(group));
        return (apart.length === 0 ? of([]) : this.readMembers(apart)).pipe(
          map((read) => {
            const readApart = new Map(read.map(({ group, contacts: list }) => [group, list]));
            return groups.map((group) => ({ group, contacts: joined.get(group) ?? readApart.get(group) ?? [] }));
          }),
        );
      }),
    );
  }

  /** The parsed resource, or undefined when the server cannot give it (see `declines`). */
  private readOrDecline<T>(href: string, parse: (body: unknown, url: string) => T): Observable<T | undefined> {
    return this.context.client.request({ method: 'GET', href }).pipe(
      map((response): T | undefined => parse(response.body, response.url)),
      catchError((error: unknown) => {
        if (!declines(error)) return throwError(() => error);
        this.warn('people: reading the contact list group by group instead', error);
        return of(undefined);
      }),
    );
  }

  /** Every group's groupContacts in one batch (§7), not one request per group. */
  private readMembers(groups: readonly GroupResource[]): Observable<GroupMembers[]> {
    const hrefs = groups.flatMap((group) => (group.groupContacts === undefined ? [] : [group.groupContacts]));
    return batchGet(this.context.client, this.context.links.batch, hrefs).pipe(
      map((answers) => {
        const byHref = new Map(hrefs.map((href, i) => [href, answers[i]]));
        return groups.map((group) => {
          const answer = group.groupContacts === undefined ? undefined : byHref.get(group.groupContacts);
          if (answer === undefined) return { group, contacts: [] };
          // A failed read of the members is a failed read, never an empty group (no phantom removals).
          if (!ok(answer)) throw answerError(answer);
          return { group, contacts: parseContacts(answer.body, answer.url) };
        });
      }),
    );
  }

  /**
   * Availability and note of every listed contact, read once: the first contacts' presence and
   * notes, then everyone else's presence; everyone else's notes are queued as work of their own, so
   * that the events which came meanwhile (the fence contact's initial presence among them) are
   * handled before them. Up to the server's outstanding limit is in flight together; each answered
   * batch updates the list at once, so the first rows are right long before the last batch is back.
   * A batch that fails transiently is retried alone. The fence contact's presence is not read here:
   * its initial event brings it (see `fence`).
   */
  private readStatus(resources: readonly ContactResource[], order: ReadingOrder, fenceUri: string | undefined): Observable<PeopleAction> {
    const byUri = new Map<string, ContactResource>();
    for (const resource of resources) if (!byUri.has(resource.contact.uri)) byUri.set(resource.contact.uri, resource);
    const parts = (uris: readonly string[], rels: readonly StatusRel[]): StatusPart[] =>
      uris.flatMap((uri) =>
        rels.flatMap((rel): StatusPart[] => {
          if (rel === 'contactPresence' && uri === fenceUri) return [];
          const href = rel === 'contactPresence' ? byUri.get(uri)?.contactPresence : byUri.get(uri)?.contactNote;
          return href === undefined ? [] : [{ uri, rel, href }];
        }),
      );
    const now = [...parts(order.first, ['contactPresence', 'contactNote']), ...parts(order.rest, ['contactPresence'])];
    const later = parts(order.rest, ['contactNote']);
    const load = this.loads;
    return concat(
      this.readStatusParts(now),
      defer(() => {
        if (later.length > 0) this.queued.next({ kind: 'notes', load, parts: later });
        return EMPTY;
      }),
    );
  }

  private readStatusParts(parts: readonly StatusPart[]): Observable<PeopleAction> {
    const slices: StatusPart[][] = [];
    for (let at = 0; at < parts.length; at += BATCH_SIZE) slices.push(parts.slice(at, at + BATCH_SIZE));
    return from(slices).pipe(
      mergeMap((slice) => this.readStatusSlice(slice), BATCH_CONCURRENCY),
      // Answers are applied a task later, those of one turn together: a slot waits for the network
      // only, not also for the list update (a copy of the contact map) each answer would make.
      coalesce<StatusAnswer>(this.context.scheduler),
      // Only the contacts read change: no re-merge of the whole list per batch.
      map((answers): PeopleAction => ({ type: 'statusRead', updates: answers.map(statusUpdate) })),
    );
  }

  private readStatusSlice(slice: readonly StatusPart[]): Observable<StatusAnswer[]> {
    return batchGet(
      this.context.client,
      this.context.links.batch,
      slice.map((part) => part.href),
    ).pipe(
      map((answers) =>
        answers.flatMap((answer, i): StatusAnswer[] => {
          const part = slice[i];
          if (part === undefined) return [];
          if (!ok(answer)) {
            // "Later" is worth the wait (the batch is retried); a contact without presence stays Unknown.
            const error = answerError(answer);
            if (classifyError(error) === 'transient') throw error;
            return [];
          }
          return [{ part, body: answer.body }];
        }),
      ),
      this.retryTransient('people: reading contact presence'),
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
        if (event.type !== 'updated') return EMPTY;
        // Lapsed: changes made while it was down raised no events, so only a re-read finds them.
        if (subscriptionState(payload(event)) === 'Disconnected') return concat(this.refreshContactsSubscription(), this.load(false));
        return this.refreshContactsSubscription().pipe(ignoreElements());
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
    if (event.type !== 'added' && event.type !== 'deleted') return EMPTY;
    return this.rereadMembers(group);
  }

  /**
   * A membership event says that a group's members changed, not what they are now: after a resync
   * the server delivers again events the re-read already covers, and applied as deltas they would
   * report a member added or removed a second time. The members as read now are the truth, and the
   * change feed (a diff) reports only what really changed. A group gone meanwhile fails the read
   * (its own deleted event follows), never reads as empty.
   */
  private rereadMembers(group: GroupResource): Observable<PeopleAction> {
    return this.readMembers([group]).pipe(
      concatMap(([members]) => {
        const contacts = members?.contacts ?? [];
        for (const contact of contacts) this.index.addContact(contact);
        const before = new Set(this.shown().groups.find((g) => g.id === group.group.id)?.contactUris ?? []);
        const action: PeopleAction = {
          type: 'groupUpserted',
          group: { ...group.group, contactUris: contacts.map((c) => c.contact.uri) },
          contacts: contacts.map((c) => c.contact),
        };
        return concat(of(action), this.afterNewContacts(contacts.filter((c) => !before.has(c.contact.uri))));
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
        map((answers) => {
          const late = answers.find((answer) => !ok(answer) && classifyError(answerError(answer)) === 'transient');
          if (late !== undefined) throw answerError(late);
          return answers;
        }),
        // A 429 or 5xx must not lose these updates: they are not announced again. Retried until it works.
        this.retryTransient('people: reading presence updates'),
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
      const until = this.aliveUntilIfGranted();
      return this.context.client
        .request({ method: 'POST', href: start, query: { duration: String(SUBSCRIPTION_MINUTES) } })
        .pipe(
          tap(() => {
            this.contactsAliveUntil = until;
            this.refreshAttempt = 0;
          }),
          ignoreElements(),
          this.tolerate('people: refreshing the contacts-and-groups subscription'),
        );
    });
  }

  /**
   * Subscribes the load's contacts to presence before any of them is read: all new ones but the last
   * in reading order, then that one as the fence (see `fence`). Contacts already subscribed raise no
   * initial event, so nothing about them is held back.
   */
  private subscribeBeforeReading(uris: readonly string[]): Observable<never> {
    // Deferred: reads session state when it runs, not when the pipeline is built.
    return defer(() => {
      const missing = [...new Set(uris)].filter((uri) => !this.subscribedUris.has(uri));
      const fenceUri = missing[missing.length - 1];
      if (fenceUri === undefined) return this.ensurePresenceSubscription(uris);
      // Noted before the POST: its initial events may arrive before its answer.
      missing.slice(0, -1).forEach((uri) => this.beforeFence.add(personKey(uri)));
      this.fence = { uri: fenceUri, key: personKey(fenceUri) };
      this.presenceFromEvent = fenceUri;
      return concat(this.ensurePresenceSubscription(uris.filter((uri) => uri !== fenceUri)), this.ensurePresenceSubscription([fenceUri]));
    });
  }

  /**
   * After `subscribeBeforeReading`: if a step failed, no fence may come, so nothing is held back
   * and the fence contact is read as any other. Apart from the steps, so what it reads is applied
   * after the structure it belongs to.
   */
  private unlessSubscribed(uris: readonly string[]): Observable<PeopleAction> {
    return defer(() => {
      if (uris.every((uri) => this.subscribedUris.has(uri))) return EMPTY;
      this.presenceFromEvent = undefined;
      return this.abandonFence(false);
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
          .request({ method: 'POST', href: current.addToPresenceSubscription, json: { contactUris: missing }, bodyUnused: true })
          .pipe(
            tap(() => missing.forEach((uri) => this.subscribedUris.add(uri))),
            ignoreElements(),
            this.tolerate('people: adding contacts to the presence subscription'),
          );
      }
      const create = this.context.links.people['presenceSubscriptions'];
      if (create === undefined) return EMPTY;
      const all = [...new Set([...this.subscribedUris, ...missing])];
      const until = this.aliveUntilIfGranted();
      return this.context.client
        .request({ method: 'POST', href: create, json: { duration: SUBSCRIPTION_MINUTES, uris: all } })
        .pipe(
          tap((response) => {
            this.presenceSubscription = parsePresenceSubscription(response.body, response.url);
            all.forEach((uri) => this.subscribedUris.add(uri));
            this.presenceAliveUntil = until;
            this.refreshAttempt = 0;
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
      const until = this.aliveUntilIfGranted();
      return this.context.client
        .request({ method: 'POST', href: current.self, query: { duration: String(SUBSCRIPTION_MINUTES) } })
        .pipe(
          tap(() => {
            this.presenceAliveUntil = until;
            this.refreshAttempt = 0;
          }),
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

  private forgetSubscriptions(): void {
    this.resubscribing = false;
    this.contactsSubscriptionStart = undefined;
    this.presenceSubscription = undefined;
    this.subscribedUris.clear();
    this.contactsAliveUntil = undefined;
    this.presenceAliveUntil = undefined;
  }

  /** A subscription ran out on the server (its refreshes failed for its whole duration). */
  private lapsed(): boolean {
    const now = this.context.scheduler.now();
    return [this.contactsAliveUntil, this.presenceAliveUntil].some((until) => until !== undefined && now >= until);
  }

  /**
   * Both subscriptions created anew, then the list re-read once they are in place: changes made
   * while one was gone raised no events. Until both can be created the re-read waits (a failed
   * creation asks for the next try), so a server refusing subscriptions meets no re-read loop.
   */
  private resubscribeAndReread(): Observable<PeopleAction> {
    const uris = this.knownUris();
    if (this.lapsed()) this.forgetSubscriptions();
    this.resubscribing = true;
    return concat(
      this.refreshContactsSubscription(),
      this.ensurePresenceSubscription(uris),
      defer(() => {
        if (this.contactsAliveUntil === undefined || this.presenceAliveUntil === undefined) return EMPTY;
        this.resubscribing = false;
        return this.load(false);
      }),
    );
  }

  /**
   * Decides on arrival, in channel order, whether a people event goes on to be handled: a first-step
   * contact's presence event before the fence is held back (our read covers it); the fence itself
   * ends the holding and drops what was held. The fence contact's own presence event arriving first
   * means this server raised no fence: what was held is read after all.
   */
  private passesFence(event: UcwaEvent): boolean {
    const fence = this.fence;
    if (fence === undefined) return true;
    if (event.link.rel === 'contact' && event.type === 'added' && event.in?.rel === 'subscribedContacts') {
      const uri = this.index.contactUri(event.link.href);
      if (uri !== undefined && personKey(uri) === fence.key) this.passFence();
      return true;
    }
    if (event.link.rel !== 'contactPresence' || event.type !== 'updated') return true;
    const uri = this.index.statusUri(event.link.href, event.in?.href);
    if (uri === undefined) return true;
    if (personKey(uri) === fence.key) {
      this.releaseHeld();
      return true;
    }
    if (!this.beforeFence.has(personKey(uri))) return true;
    this.heldBeforeFence.set(event.link.href, { rel: 'contactPresence', contactHref: event.in?.href });
    return false;
  }

  private passFence(): void {
    this.fence = undefined;
    this.beforeFence.clear();
    this.heldBeforeFence.clear();
  }

  /** Stops holding events back; what was held goes to the next status read. */
  private releaseHeld(): void {
    for (const [href, pending] of this.heldBeforeFence) this.pendingStatus.set(href, pending);
    this.passFence();
  }

  /**
   * No fence is coming (a subscription step failed, or it is overdue): reads what was held back and,
   * when `readFenceContact`, the fence contact's presence, which nothing else would bring.
   */
  private abandonFence(readFenceContact: boolean): Observable<PeopleAction> {
    return defer(() => {
      const fence = this.fence;
      if (fence === undefined) return EMPTY;
      const href = readFenceContact ? this.index.presenceHref(fence.uri) : undefined;
      if (href !== undefined) this.pendingStatus.set(href, { rel: 'contactPresence', contactHref: undefined });
      this.releaseHeld();
      return this.drainPendingStatus();
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

  /** When a subscription start or refresh sent now runs out if nothing refreshes it. */
  private aliveUntilIfGranted(): number {
    return this.context.scheduler.now() + SUBSCRIPTION_MINUTES * 60_000;
  }

  /**
   * Subscription trouble must not stop the contact list: log it and carry on. A transient failure
   * is tried again with the session's backoff (a refresh), not at the next 25-minute tick.
   */
  private tolerate<T>(what: string): (source: Observable<T>) => Observable<T> {
    return (source) =>
      source.pipe(
        catchError((error: unknown) => {
          this.warn(`${what} failed`, error);
          if (classifyError(error) === 'transient') this.refreshSoon.next(error);
          return EMPTY;
        }),
      );
  }

  /** The session's backoff (session/backoff), with the server's Retry-After as a floor. */
  private backoff(what: string, error: unknown, attempt: number): Observable<0> {
    const policy = this.context.backoff ?? DEFAULT_BACKOFF;
    const retryAfter = isUcwaError(error) ? error.details.retryAfter : undefined;
    const delay = backoffDelayMs(attempt, policy, this.context.random ?? Math.random, retryAfter);
    this.warn(`${what} failed, retrying`, error, { attempt, delayMs: delay });
    return timer(delay, this.context.scheduler);
  }

  /** Retries transient failures (ucwa/error-classification) with `backoff` until they work. */
  private retryTransient<T>(what: string): (source: Observable<T>) => Observable<T> {
    return retry({
      delay: (error: unknown, attempt: number) =>
        classifyError(error) === 'transient' ? this.backoff(what, error, attempt) : throwError(() => error),
    });
  }

  private warn(message: string, error: unknown, fields: Record<string, string | number | boolean> = {}): void {
    const details: Record<string, string | number | boolean> = { ...fields };
    if (isUcwaError(error)) {
      details['kind'] = error.kind;
      if (error.status !== undefined) details['status'] = error.status;
      if (error.subcode !== undefined) details['subcode'] = error.subcode;
    } else if (error instanceof Error) {
      // Not typed at a boundary: a programming error, so its stack is what helps.
      details['error'] = error.name;
      if (error.stack !== undefined) details['stack'] = error.stack;
    }
    this.context.logger.log(classifyError(error) === 'bug' ? 'error' : 'warn', message, details);
  }
}

type StatusRel = 'contactPresence' | 'contactNote';

interface StatusPart {
  readonly uri: string;
  readonly rel: StatusRel;
  readonly href: string;
}

interface StatusAnswer {
  readonly part: StatusPart;
  readonly body: unknown;
}

/** The contact subscribed last at sign-in, whose `contact added` event marks the end of the initial events. */
interface SignInFence {
  readonly uri: string;
  readonly key: string;
}

/** Which contacts to read first (known, de-duplicated, in the order asked) and the rest (in list order). */
interface ReadingOrder {
  readonly first: readonly string[];
  readonly rest: readonly string[];
  readonly all: readonly string[];
}

/** How many contacts count as "the first rows" when the window has not said which it shows. */
export const DEFAULT_FIRST_CONTACTS = 50;

function readingOrder(list: ContactList, readFirst: readonly string[]): ReadingOrder {
  const inOrder = [...new Set(sortGroups(list.groups).flatMap((group) => group.contactUris))];
  const listed = new Set(inOrder);
  const asked = [...new Set(readFirst)].filter((uri) => listed.has(uri));
  const first = asked.length > 0 ? asked : inOrder.slice(0, DEFAULT_FIRST_CONTACTS);
  const chosen = new Set(first);
  const rest = inOrder.filter((uri) => !chosen.has(uri));
  return { first, rest, all: [...first, ...rest] };
}

/** What one read part says about its contact. */
function statusUpdate({ part, body }: StatusAnswer): StatusUpdate {
  return part.rel === 'contactPresence'
    ? { uri: part.uri, availability: parseContactPresence(body) }
    : { uri: part.uri, note: parseContactNote(body) };
}

/** SIP URIs compare case-insensitively (the server may spell a URI differently in an event). */
function personKey(uri: string): string {
  return uri.toLowerCase();
}

interface PendingStatus {
  readonly rel: StatusRel;
  readonly contactHref: string | undefined;
}

function statusAction(uri: string, rel: StatusRel, body: unknown): PeopleAction {
  return rel === 'contactPresence'
    ? { type: 'presenceChanged', uri, availability: parseContactPresence(body) }
    : { type: 'noteChanged', uri, note: parseContactNote(body) };
}

/**
 * The server cannot give a resource, as opposed to being unreachable for now: it refuses or lacks
 * it (a 4xx other than 401, 408 and 429) or its answer cannot be read (malformed, too large).
 */
function declines(error: unknown): boolean {
  if (!isUcwaError(error)) return false;
  if (error.kind === 'malformed') return true;
  const status = error.status ?? 0;
  return error.kind === 'http' && status >= 400 && status < 500 && status !== 401 && status !== 408 && status !== 429;
}

/** A failed part of a batch as the error a plain GET would have given (status, subcode, Retry-After). */
function answerError(answer: ResourceResponse): UcwaError {
  const body = typeof answer.body === 'object' && answer.body !== null ? (answer.body as Record<string, unknown>) : {};
  const text = (name: string): string | undefined => (typeof body[name] === 'string' ? (body[name] as string) : undefined);
  const code = text('code');
  const subcode = text('subcode');
  const seconds = Number(answer.headers['retry-after']);
  const url = answer.url.split('?')[0] ?? answer.url;
  return new UcwaError('http', `HTTP ${answer.status} reading ${url}`, {
    status: answer.status,
    url,
    ...(code !== undefined ? { code } : {}),
    ...(subcode !== undefined ? { subcode } : {}),
    ...(Number.isFinite(seconds) && seconds >= 0 && answer.headers['retry-after'] !== undefined ? { retryAfter: seconds } : {}),
  });
}

/** The `state` of an embedded contacts-and-groups subscription (`Connected`/`Disconnected`), if given. */
function subscriptionState(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const state = (body as Record<string, unknown>)['state'];
  return typeof state === 'string' ? state : undefined;
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
