import { BehaviorSubject, defer, type Observable, of, Subject, throwError, VirtualTimeScheduler } from 'rxjs';
import type { ResourceRequest, ResourceResponse } from '../../../../../../main/core/ucwa/resource-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../../../main/core/ports';
import { people, type PeopleContext, SUBSCRIPTION_REFRESH_MS } from '../../../../../../main/core/ucwa/people/people';
import type { UcwaEvent } from '../../../../../../main/core/ucwa/ucwa-event';
import { UcwaError } from '../../../../../../main/core/ucwa/ucwa-error';
import { DEFAULT_BACKOFF } from '../../../../../../main/core/session/backoff';
import type { Change, ContactList, SessionError } from '../../../../../../shared/models';
import { contactHref, FakePeopleServer, groupHref, noteHref, PEOPLE, presenceHref } from './fake-people-server';

const START = 1_700_000_000_000;

class Harness {
  readonly server = new FakePeopleServer();
  readonly scheduler = new VirtualTimeScheduler();
  readonly events$ = new Subject<UcwaEvent>();
  readonly reset$ = new Subject<'resync' | 'resume'>();
  readonly reconcile$ = new Subject<void>();
  readonly warnings: string[] = [];
  readonly logLines: { level: string; message: string; fields?: Readonly<Record<string, string | number | boolean>> }[] = [];
  readonly failures: SessionError[] = [];
  readonly context$: BehaviorSubject<PeopleContext | null>;
  readonly lists: ContactList[] = [];
  readonly changes: Change[] = [];
  private readonly subscriptions: { unsubscribe(): void }[] = [];

  constructor(
    withBatch = true,
    private readonly memberships = false,
  ) {
    this.scheduler.frame = START;
    this.server.now = () => this.scheduler.now();
    // As the server does, before the subscription's answer: each new member added to subscribedContacts,
    // then one contactPresence update per new member (its initial state).
    this.server.onSubscribed = (uris) => {
      uris.forEach((uri) => this.emitSubscribed(uri));
      uris.forEach((uri) => this.emitPresenceUpdated(uri));
    };
    this.context$ = new BehaviorSubject<PeopleContext | null>(this.context(withBatch));
  }

  context(withBatch = true): PeopleContext {
    const logger: Logger = {
      log: (level, message, fields) => {
        this.warnings.push(message);
        this.logLines.push({ level, message, ...(fields !== undefined ? { fields } : {}) });
      },
    };
    return {
      client: this.server,
      scheduler: this.scheduler,
      logger,
      links: this.server.links(withBatch, this.memberships),
      events$: this.events$,
      channelReset$: this.reset$,
      reconcile$: this.reconcile$,
      backoff: DEFAULT_BACKOFF,
      random: () => 0.5,
    };
  }

  start(): this {
    const streams = people(this.context$);
    this.subscriptions.push(streams.contacts$.subscribe((list) => this.lists.push(list)));
    this.subscriptions.push(streams.changes$.subscribe((change) => this.changes.push(change)));
    this.subscriptions.push(streams.failure$.subscribe((failure) => this.failures.push(failure)));
    // The sign-in's initial presence events (sent synchronously by the fake) are handled at once.
    this.advance(0);
    return this;
  }

  /** Runs virtual time forward by `ms` (timers due by then fire). */
  advance(ms: number): void {
    const target = this.scheduler.frame + ms;
    this.scheduler.maxFrames = target;
    this.scheduler.flush();
    this.scheduler.frame = target;
  }

  emit(event: Omit<UcwaEvent, 'sender'>): void {
    this.events$.next(this.server.event(event));
  }

  /** A contact `added` in subscribedContacts (it joined a presence subscription). */
  emitSubscribed(uri: string): void {
    this.emit({ type: 'added', link: { rel: 'contact', href: contactHref(uri) }, in: { rel: 'subscribedContacts', href: `${PEOPLE}/subscribedContacts` } });
  }

  /** A contact's presence `updated` event, in its contact (as the server sends it), optionally with the presence embedded. */
  emitPresenceUpdated(uri: string, embedded?: UcwaEvent['embedded']): void {
    this.emit({
      type: 'updated',
      link: { rel: 'contactPresence', href: presenceHref(uri) },
      in: { rel: 'contact', href: contactHref(uri) },
      ...(embedded === undefined ? {} : { embedded }),
    });
  }

  get list(): ContactList {
    return this.lists[this.lists.length - 1]!;
  }

  stop(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }
}

/** The list the fake server holds, in the shape the engine should end up with. */
function truth(server: FakePeopleServer): { groups: { id: string; name: string; members: string[] }[]; presence: Record<string, string> } {
  const order = ['pinnedGroup', 'group', 'defaultGroup', 'distributionGroup'];
  const groups = [...server.groups]
    .sort((a, b) => order.indexOf(a.rel) - order.indexOf(b.rel))
    .map((g) => ({ id: g.id, name: g.name, members: g.members }));
  const presence: Record<string, string> = {};
  for (const g of server.groups) for (const uri of g.members) presence[uri] = server.contacts.get(uri)!.availability;
  return { groups, presence };
}

function view(list: ContactList): ReturnType<typeof truth> {
  const presence: Record<string, string> = {};
  for (const [uri, c] of Object.entries(list.contacts)) presence[uri] = c.availability;
  return { groups: list.groups.map((g) => ({ id: g.id, name: g.name, members: [...g.contactUris] })), presence };
}

describe('people', () => {
  let h: Harness;
  beforeEach(() => {
    h = new Harness();
  });
  afterEach(() => h.stop());

  it('starts the contacts subscription, reads groups and all members in one batch, shows that structure, subscribes to presence in two steps, then reads each presence once', () => {
    h.start();
    expect(Object.values(h.lists[0]!.contacts).map((c) => c.availability)).toEqual(['Unknown', 'Unknown', 'Unknown']);
    expect(h.lists[0]!.groups.map((g) => g.contactUris)).toEqual(h.list.groups.map((g) => g.contactUris));
    expect(view(h.list)).toEqual(truth(h.server));
    expect(h.list.groups.map((g) => g.kind)).toEqual(['pinned', 'personal', 'default', 'distribution']);
    expect(h.list.contacts['sip:ann@contoso.com']).toEqual({ uri: 'sip:ann@contoso.com', name: 'Ann Lee', availability: 'Online' });
    expect(h.server.calls()).toEqual([
      'GET ~/contactsAndGroupsSubscription',
      'POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30',
      'GET ~/groups',
      'POST /ucwa/oauth/v1/applications/101/batch',
      'POST ~/presenceSubscriptions',
      'POST ~/presenceSubscriptionMemberships?presenceSubscriptionId=s1', // the fence: the last contact alone
      'POST /ucwa/oauth/v1/applications/101/batch',
      'POST /ucwa/oauth/v1/applications/101/batch',
    ]);
    expect(h.server.log[3]!.inner).toHaveLength(4); // one groupContacts GET per group, inside one batch
    expect(h.server.log[4]!.json).toEqual({ duration: 30, uris: ['sip:ann@contoso.com', 'sip:bob@contoso.com'] });
    expect(h.server.log[5]!.json).toEqual({ contactUris: ['sip:cy@contoso.com'] });
    // Our reads: every note, and the presence of all but the fence contact; its initial event brings its presence.
    expect(h.server.log[6]!.inner).toHaveLength(5);
    const path = (href: string): string => new URL(href).pathname;
    expect(h.server.log[7]!.inner).toEqual([path(presenceHref('sip:cy@contoso.com'))]);
    const presenceReads = h.server.log.flatMap((entry) => entry.inner ?? []).filter((href) => href.endsWith('/presence'));
    expect(presenceReads.sort()).toEqual(['sip:ann@contoso.com', 'sip:bob@contoso.com', 'sip:cy@contoso.com'].map((uri) => path(presenceHref(uri))).sort());
    h.advance(1_000);
    expect(h.server.log).toHaveLength(8);
    expect(h.list.contacts['sip:cy@contoso.com']).toEqual({ uri: 'sip:cy@contoso.com', name: 'Cy Diaz', availability: 'Away', note: 'On leave' });
    expect(h.changes).toEqual([]); // the first list is a snapshot
  });

  describe('with myGroupMemberships and myContacts', () => {
    const inner = (entry: { inner?: readonly string[] } | undefined): string[] => (entry?.inner ?? []).map((href) => href.replace(/^.*\/people/, '~'));
    /** The first request for exactly `href` is answered by `answer` instead of the server. */
    const answerOnce = (href: string, answer: (request: ResourceRequest) => Observable<ResourceResponse>): void => {
      const original = h.server.request.bind(h.server);
      let used = false;
      h.server.request = (request) => {
        if (used || request.href !== href) return original(request);
        used = true;
        return defer(() => answer(request));
      };
    };

    it('reads groups, contacts and memberships in one round, then only the distribution list through batch: the same list as group by group', () => {
      const byGroup = new Harness().start();
      byGroup.advance(1_000);
      byGroup.stop();
      h = new Harness(true, true).start();
      h.advance(1_000);
      expect(h.server.calls().slice(2, 6)).toEqual(['GET ~/groups', 'GET ~/contacts', 'GET ~/groupMemberships', 'POST /ucwa/oauth/v1/applications/101/batch']);
      expect(inner(h.server.log[5])).toEqual(['~/contacts?groupId=dl']);
      expect(view(h.list)).toEqual(truth(h.server));
      expect(h.list).toEqual(byGroup.list);
    });

    it('gives the members of the user\'s own groups in the memberships\' order, and no batch at all when there is no distribution list', () => {
      h = new Harness(true, true);
      h.server.groups = h.server.groups.filter((g) => g.rel !== 'distributionGroup');
      h.server.groups[0]!.members = ['sip:bob@contoso.com', 'sip:cy@contoso.com', 'sip:ann@contoso.com'];
      h.start();
      expect(h.server.calls().slice(2, 6)).toEqual(['GET ~/groups', 'GET ~/contacts', 'GET ~/groupMemberships', 'POST ~/presenceSubscriptions']);
      expect(h.list.groups.find((g) => g.id === 'g1')?.contactUris).toEqual(['sip:bob@contoso.com', 'sip:cy@contoso.com', 'sip:ann@contoso.com']);
      expect(view(h.list)).toEqual(truth(h.server));
    });

    it('a server refusing myGroupMemberships (403) is read group by group, and is not asked again on the next read', () => {
      h = new Harness(true, true);
      h.server.faults.push({ method: 'GET', path: '/groupMemberships', status: 403 });
      h.start();
      h.advance(1_000);
      expect(view(h.list)).toEqual(truth(h.server));
      expect(inner(h.server.log.find((entry) => entry.inner !== undefined))).toHaveLength(4);
      expect(h.failures).toEqual([]);
      h.server.log.length = 0;
      h.reset$.next('resync');
      h.advance(1_000);
      expect(h.server.calls().filter((call) => call.startsWith('GET'))).toEqual(['GET ~/groups']);
      expect(view(h.list)).toEqual(truth(h.server));
    });

    it('myContacts unreadable (malformed) also reads group by group', () => {
      h = new Harness(true, true);
      answerOnce(`${PEOPLE}/contacts`, () => throwError(() => new UcwaError('malformed', 'not JSON')));
      h.start();
      h.advance(1_000);
      expect(view(h.list)).toEqual(truth(h.server));
      expect(inner(h.server.log.find((entry) => entry.inner !== undefined))).toHaveLength(4);
    });

    it('an outage on myGroupMemberships (503) is not a refusal: the whole read is tried again, still in one round', () => {
      h = new Harness(true, true);
      h.server.faults.push({ method: 'GET', path: '/groupMemberships', status: 503 });
      h.start();
      expect(h.lists).toEqual([]);
      h.advance(60_000);
      expect(h.server.calls().filter((call) => call === 'GET ~/groupMemberships')).toHaveLength(2);
      expect(inner(h.server.log.find((entry) => entry.inner !== undefined))).toEqual(['~/contacts?groupId=dl']);
      expect(view(h.list)).toEqual(truth(h.server));
    });

    it('a membership naming a contact myContacts did not list (added between the reads) is left to the subscription\'s event', () => {
      h = new Harness(true, true);
      h.server.contacts.set('sip:dee@contoso.com', { uri: 'sip:dee@contoso.com', name: 'Dee Fox', availability: 'Online' });
      h.server.groups[0]!.members.push('sip:dee@contoso.com');
      // myContacts answers as it was before Dee was added.
      answerOnce(`${PEOPLE}/contacts`, (request) => {
        const group = h.server.groups[0]!;
        const members = group.members;
        group.members = members.filter((uri) => uri !== 'sip:dee@contoso.com');
        let answer: ResourceResponse | undefined;
        h.server.request(request).subscribe((response) => (answer = response));
        group.members = members;
        return of(answer!);
      });
      h.start();
      h.advance(1_000);
      expect(h.list.groups.find((g) => g.id === 'g1')?.contactUris).toEqual(['sip:ann@contoso.com', 'sip:bob@contoso.com']);
      h.emit({ type: 'added', link: { rel: 'contact', href: contactHref('sip:dee@contoso.com') }, in: { rel: 'group', href: groupHref('g1') } });
      h.advance(1_000);
      expect(view(h.list)).toEqual(truth(h.server));
    });
  });

  it('sends the presence subscription before it shows the structure, so building the window\'s list overlaps that round trip', () => {
    const sentWhenShown: string[][] = [];
    const shown = people(h.context$).contacts$.subscribe(() => sentWhenShown.push(h.server.calls()));
    h.advance(0);
    shown.unsubscribe();
    expect(sentWhenShown[0]?.filter((call) => call.includes('presenceSubscription'))).toEqual([
      'POST ~/presenceSubscriptions',
      'POST ~/presenceSubscriptionMemberships?presenceSubscriptionId=s1',
    ]);
    expect(sentWhenShown[0]?.filter((call) => call.endsWith('/batch'))).toHaveLength(1); // the members only: no presence read yet
  });

  it('a change after the fence arrives merged into a contact\'s initial event and is read; initial events before the fence are not', () => {
    // The server queues the first step's initial events and sends them only after the fence, Ann's
    // merged with a change she makes once our read of her has been answered (one event, at the later place).
    const queued: string[] = [];
    let steps = 0;
    h.server.onSubscribed = (uris) => {
      steps += 1;
      if (steps === 1) {
        uris.forEach((uri) => h.emitSubscribed(uri));
        queued.push(...uris);
        return;
      }
      queued.filter((uri) => uri !== 'sip:ann@contoso.com').forEach((uri) => h.emitPresenceUpdated(uri));
      uris.forEach((uri) => h.emitSubscribed(uri));
      uris.forEach((uri) => h.emitPresenceUpdated(uri));
    };
    h.start();
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'Busy';
    h.server.log.length = 0;
    h.emitPresenceUpdated('sip:ann@contoso.com');
    h.advance(0);
    expect(h.server.log.map((entry) => entry.inner)).toEqual([[new URL(presenceHref('sip:ann@contoso.com')).pathname]]);
    expect(h.list.contacts['sip:ann@contoso.com']?.availability).toBe('Busy');
    expect(h.changes.map((c) => [c.kind, c.contact, c.availability])).toEqual([['contactPresenceChanged', 'Ann Lee', 'Busy']]);
  });

  it('initial events that arrive before the fence are dropped: a change made before our read is seen by the read, once', () => {
    h.server.onSubscribed = (uris) => {
      uris.forEach((uri) => h.emitSubscribed(uri));
      // Ann changes right after the subscription is in place and before anything is read.
      h.server.contacts.get('sip:ann@contoso.com')!.availability = 'DoNotDisturb';
      uris.forEach((uri) => h.emitPresenceUpdated(uri));
    };
    h.start();
    h.advance(1_000);
    const presenceReads = h.server.log.flatMap((entry) => entry.inner ?? []).filter((href) => href.endsWith('/presence'));
    expect(presenceReads).toHaveLength(3);
    expect(h.list.contacts['sip:ann@contoso.com']?.availability).toBe('DoNotDisturb');
  });

  it('a server that raises no fence (no subscribedContacts event): what was held back is read when the fence contact\'s presence event comes', () => {
    h.server.onSubscribed = (uris) => uris.forEach((uri) => h.emitPresenceUpdated(uri));
    h.server.contacts.get('sip:bob@contoso.com')!.availability = 'Away';
    h.start();
    const presenceReads = h.server.log.flatMap((entry) => entry.inner ?? []).filter((href) => href.endsWith('/presence'));
    // Ann and Bob: our read and the held initial event, read after all (nothing is lost); Cy: from its event.
    expect(presenceReads.filter((href) => href.includes('/ann@'))).toHaveLength(2);
    expect(presenceReads.filter((href) => href.includes('/bob@'))).toHaveLength(2);
    expect(presenceReads.filter((href) => href.includes('/cy@'))).toHaveLength(1);
    expect(view(h.list)).toEqual(truth(h.server));
  });

  it('a failed fence step: nothing is held back and the fence contact is read with everyone else', () => {
    h.server.faults.push({ method: 'POST', path: 'presenceSubscriptionMemberships', status: 500 });
    h.start();
    h.advance(1_000);
    const presenceReads = h.server.log.flatMap((entry) => entry.inner ?? []).filter((href) => href.endsWith('/presence'));
    expect(presenceReads.filter((href) => href.includes('/cy@'))).toHaveLength(1);
    expect(h.list.contacts['sip:cy@contoso.com']?.availability).toBe('Away');
  });

  it('a fence that never comes (no subscribedContacts event, no fence presence event): the refresh tick reads what was held and the fence contact, so no change is lost and nobody stays Unknown', () => {
    let steps = 0;
    h.server.onSubscribed = (uris) => {
      steps += 1;
      if (steps === 1) uris.forEach((uri) => h.emitPresenceUpdated(uri));
    };
    h.start();
    const path = (href: string): string => new URL(href).pathname;
    // Cy is the fence: his presence was to come from his initial event, which this server never raises.
    expect(h.list.contacts['sip:cy@contoso.com']!.availability).toBe('Unknown');
    // Ann's change while the fence is still awaited is held back, not lost.
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'Busy';
    h.emitPresenceUpdated('sip:ann@contoso.com');
    h.advance(1_000);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Online');
    h.server.log.length = 0;
    h.advance(SUBSCRIPTION_REFRESH_MS);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Busy');
    expect(h.list.contacts['sip:cy@contoso.com']!.availability).toBe('Away');
    const reads = h.server.log.flatMap((entry) => entry.inner ?? []);
    expect(reads.sort()).toEqual(['sip:ann@contoso.com', 'sip:bob@contoso.com', 'sip:cy@contoso.com'].map((uri) => path(presenceHref(uri))).sort());
    // The fence is over: a later change is read at once, and the next tick reads nothing again.
    h.server.contacts.get('sip:bob@contoso.com')!.availability = 'Away';
    h.emitPresenceUpdated('sip:bob@contoso.com');
    h.advance(0);
    expect(h.list.contacts['sip:bob@contoso.com']!.availability).toBe('Away');
    h.server.log.length = 0;
    h.advance(SUBSCRIPTION_REFRESH_MS);
    expect(h.server.log.flatMap((entry) => entry.inner ?? [])).toEqual([]);
  });

  it('a fence that came: the refresh tick reads nothing again', () => {
    h.start();
    h.server.log.length = 0;
    h.advance(SUBSCRIPTION_REFRESH_MS);
    expect(h.server.log.flatMap((entry) => entry.inner ?? [])).toEqual([]);
    expect(h.server.calls()).toEqual(['POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30', 'POST ~/presenceSubscriptions/s1?duration=30']);
  });

  it('while a fence is awaited only first-step contacts\' presence updates are held: notes, other events and unknown contacts go on at once', () => {
    h.server.onSubscribed = () => {}; // neither initial events nor the fence ever come
    h.start();
    const path = (href: string): string => new URL(href).pathname;
    // Ann's change (an event without `in`): held until the fence is given up.
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'Busy';
    h.emit({ type: 'updated', link: { rel: 'contactPresence', href: presenceHref('sip:ann@contoso.com') } });
    // Not presence updates: handled as ever, nothing held.
    h.server.contacts.get('sip:ann@contoso.com')!.note = 'In a meeting';
    h.emit({ type: 'updated', link: { rel: 'contactNote', href: noteHref('sip:ann@contoso.com') }, in: { rel: 'contact', href: contactHref('sip:ann@contoso.com') } });
    h.emit({ type: 'added', link: { rel: 'contactPresence', href: presenceHref('sip:bob@contoso.com') }, in: { rel: 'contact', href: contactHref('sip:bob@contoso.com') } });
    h.emit({ type: 'added', link: { rel: 'contact', href: contactHref('sip:ann@contoso.com') } });
    // Cy (the fence contact) joins a group or leaves subscribedContacts: neither is the fence.
    h.server.groups[0]!.members.push('sip:cy@contoso.com');
    h.emit({ type: 'added', link: { rel: 'contact', href: contactHref('sip:cy@contoso.com') }, in: { rel: 'group', href: groupHref('g1') } });
    h.emit({ type: 'deleted', link: { rel: 'contact', href: contactHref('sip:cy@contoso.com') }, in: { rel: 'subscribedContacts', href: `${PEOPLE}/subscribedContacts` } });
    // Someone we do not list.
    h.emitSubscribed('sip:zed@contoso.com');
    h.emitPresenceUpdated('sip:zed@contoso.com');
    h.advance(1_000);
    expect(h.failures).toEqual([]);
    expect(h.list.contacts['sip:ann@contoso.com']).toMatchObject({ availability: 'Online', note: 'In a meeting' });
    expect(h.list.groups.find((g) => g.id === 'g1')?.contactUris).toContain('sip:cy@contoso.com');
    h.server.log.length = 0;
    h.advance(SUBSCRIPTION_REFRESH_MS);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Busy');
    expect(h.server.log.flatMap((entry) => entry.inner ?? []).sort()).toEqual(['sip:ann@contoso.com', 'sip:cy@contoso.com'].map((uri) => path(presenceHref(uri))).sort());
    expect(h.failures).toEqual([]);
  });

  it('a resync that finds one new contact whose fence never comes: the others\' changes are read at once, not at the next tick', () => {
    h.start();
    h.server.contacts.set('sip:dee@contoso.com', { uri: 'sip:dee@contoso.com', name: 'Dee Park', availability: 'Online' });
    h.server.groups[0]!.members.push('sip:dee@contoso.com');
    h.server.onSubscribed = () => {};
    h.reset$.next('resync');
    h.advance(0);
    expect(h.list.contacts['sip:dee@contoso.com']).toBeDefined();
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'Busy';
    h.emitPresenceUpdated('sip:ann@contoso.com');
    h.advance(1_000);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Busy');
    expect(h.changes.map((c) => [c.kind, c.contact, c.availability])).toContainEqual(['contactPresenceChanged', 'Ann Lee', 'Busy']);
  });

  it('only the presence subscription ran out (its refreshes failed for 30 minutes): it is re-created and the list re-read, so a presence change made meanwhile arrives', () => {
    h.start();
    h.server.faults.push({ method: 'POST', path: 'presenceSubscriptions', status: 503, until: START + 35 * 60_000 });
    h.advance(31 * 60_000);
    h.server.contacts.get('sip:bob@contoso.com')!.availability = 'Away';
    h.advance(6 * 60_000);
    expect(h.list.contacts['sip:bob@contoso.com']!.availability).toBe('Away');
    expect(h.server.calls().filter((c) => c === 'GET ~/groups')).toHaveLength(2);
  });

  it('falls back to plain GETs when the application has no batch link', () => {
    h = new Harness(false).start();
    expect(view(h.list)).toEqual(truth(h.server));
    expect(h.server.calls().filter((c) => c.includes('batch'))).toEqual([]);
    expect(h.server.calls().filter((c) => c.startsWith('GET ~/contacts?groupId='))).toHaveLength(4);
  });

  it('adds a group announced by an event, re-reading it and its members, stamped with scheduler time', () => {
    h.start();
    h.advance(5_000);
    h.server.contacts.set('sip:dee@contoso.com', { uri: 'sip:dee@contoso.com', name: 'Dee', availability: 'BeRightBack' });
    h.server.groups.push({ id: 'g2', name: 'Lunch crew', rel: 'group', members: ['sip:dee@contoso.com'] });
    h.server.log.length = 0;
    h.emit({ type: 'added', link: { rel: 'group', href: groupHref('g2') }, in: { rel: 'myGroups', href: `${PEOPLE}/groups` } });
    expect(h.changes).toEqual([{ kind: 'groupAdded', at: START + 5_000, group: 'Lunch crew' }]);
    expect(view(h.list)).toEqual(truth(h.server));
    expect(h.server.calls()).toEqual([
      'GET ~/groups/g2',
      'POST /ucwa/oauth/v1/applications/101/batch', // its groupContacts
      'POST /ucwa/oauth/v1/applications/101/batch', // Dee's presence
      'POST ~/presenceSubscriptionMemberships?presenceSubscriptionId=s1',
    ]);
    expect(h.server.log[3]!.json).toEqual({ contactUris: ['sip:dee@contoso.com'] });
  });

  it('renames a group on an updated event and removes a deleted group without reading it', () => {
    h.start();
    h.server.groups[0]!.name = 'Falcon II';
    h.emit({ type: 'updated', link: { rel: 'group', href: groupHref('g1') } });
    h.server.log.length = 0;
    h.server.groups = h.server.groups.filter((g) => g.id !== 'other');
    h.emit({ type: 'deleted', link: { rel: 'defaultGroup', href: groupHref('other') }, in: { rel: 'myGroups', href: `${PEOPLE}/groups` } });
    expect(h.changes.map((c) => [c.kind, c.group, c.previousGroup])).toEqual([
      ['groupRenamed', 'Falcon II', 'Project Falcon'],
      ['groupRemoved', 'Other Contacts', undefined],
    ]);
    expect(h.server.calls()).toEqual([]);
    expect(view(h.list)).toEqual(truth(h.server));
    expect(h.list.contacts['sip:cy@contoso.com']).toBeUndefined();
  });

  it('adds and removes group members from contact events, using in.href to find the group', () => {
    h.start();
    h.server.groups[3]!.members.push('sip:cy@contoso.com');
    h.emit({ type: 'added', link: { rel: 'contact', href: contactHref('sip:cy@contoso.com') }, in: { rel: 'distributionGroup', href: groupHref('dl') } });
    // Also announced for myContacts: must not count twice.
    h.emit({ type: 'added', link: { rel: 'contact', href: contactHref('sip:cy@contoso.com') }, in: { rel: 'myContacts', href: `${PEOPLE}/contacts` } });
    h.server.log.length = 0;
    h.server.groups[0]!.members = ['sip:ann@contoso.com'];
    h.emit({ type: 'deleted', link: { rel: 'contact', href: contactHref('sip:bob@contoso.com') }, in: { rel: 'group', href: groupHref('g1') } });
    // The group's members are read again (the truth after the event); never the deleted contact.
    expect(h.server.calls()).toEqual(['POST /ucwa/oauth/v1/applications/101/batch']);
    expect(h.changes.map((c) => [c.kind, c.group, c.contact])).toEqual([
      ['contactAdded', 'Engineering DL', 'Cy Diaz'],
      ['contactRemoved', 'Project Falcon', 'Bob Roe'],
    ]);
    expect(view(h.list)).toEqual(truth(h.server));
  });

  it('membership events delivered again after a resync re-read report nothing: no phantom added/removed pair', () => {
    h.start();
    const added = { type: 'added' as const, link: { rel: 'contact', href: contactHref('sip:cy@contoso.com') }, in: { rel: 'group', href: groupHref('g1') } };
    const deleted = { ...added, type: 'deleted' as const };
    h.server.groups[0]!.members.push('sip:cy@contoso.com');
    h.emit(added);
    h.server.groups[0]!.members = h.server.groups[0]!.members.filter((uri) => uri !== 'sip:cy@contoso.com');
    h.emit(deleted);
    h.advance(0);
    expect(h.changes.map((c) => [c.kind, c.group, c.contact])).toEqual([
      ['contactAdded', 'Project Falcon', 'Cy Diaz'],
      ['contactRemoved', 'Project Falcon', 'Cy Diaz'],
    ]);
    // The resync page points back at the first unacknowledged event set: the same two events again.
    h.reset$.next('resync');
    h.emit(added);
    h.emit(deleted);
    h.advance(0);
    expect(h.changes).toHaveLength(2);
    expect(view(h.list)).toEqual(truth(h.server));
  });

  it('batches contactPresence updates of one P-GET into one request, and uses embedded presence without any', () => {
    h.start();
    h.server.log.length = 0;
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'DoNotDisturb';
    h.server.contacts.get('sip:bob@contoso.com')!.availability = 'Online';
    for (const uri of ['sip:ann@contoso.com', 'sip:bob@contoso.com']) {
      h.emitPresenceUpdated(uri);
    }
    h.advance(0);
    expect(h.server.calls()).toEqual(['POST /ucwa/oauth/v1/applications/101/batch']);
    expect(h.server.log[0]!.inner).toHaveLength(2);
    h.server.contacts.get('sip:cy@contoso.com')!.availability = 'Offline';
    h.emitPresenceUpdated('sip:cy@contoso.com', { contactPresence: { availability: 'Offline', rel: 'contactPresence' } });
    h.advance(0);
    expect(h.server.log).toHaveLength(1);
    expect(h.changes.map((c) => [c.kind, c.contact, c.availability])).toEqual([
      ['contactPresenceChanged', 'Ann Lee', 'DoNotDisturb'],
      ['contactPresenceChanged', 'Bob Roe', 'Online'],
      ['contactPresenceChanged', 'Cy Diaz', 'Offline'],
    ]);
    expect(view(h.list)).toEqual(truth(h.server));
  });

  it('retries a batched presence read that failed (429) instead of losing the updates', () => {
    h.start();
    h.server.log.length = 0;
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'Away';
    h.server.faults.push({ method: 'POST', path: 'batch', status: 429 });
    h.emitPresenceUpdated('sip:ann@contoso.com');
    h.advance(0);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Online');
    h.advance(1_000);
    expect(h.server.calls()).toEqual(['POST /ucwa/oauth/v1/applications/101/batch', 'POST /ucwa/oauth/v1/applications/101/batch']);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Away');
  });

  it('retries an event whose read failed transiently, but not one whose resource is gone', () => {
    h.start();
    h.server.groups.push({ id: 'g2', name: 'Lunch crew', rel: 'group', members: [] });
    h.server.faults.push({ method: 'GET', path: '/groups/g2', status: 503 });
    h.emit({ type: 'added', link: { rel: 'group', href: groupHref('g2') }, in: { rel: 'myGroups', href: `${PEOPLE}/groups` } });
    expect(h.changes).toEqual([]);
    h.advance(1_000);
    expect(h.changes.map((c) => [c.kind, c.group])).toEqual([['groupAdded', 'Lunch crew']]);
    h.server.log.length = 0;
    h.emit({ type: 'added', link: { rel: 'group', href: groupHref('gone') }, in: { rel: 'myGroups', href: `${PEOPLE}/groups` } });
    h.advance(60_000);
    expect(h.server.calls()).toEqual(['GET ~/groups/gone']);
    expect(h.warnings.some((w) => w.includes('event failed, skipped'))).toBe(true);
  });

  it('reads contactNote updates together with presence updates in one batch; an empty note clears it', () => {
    h.start();
    h.server.log.length = 0;
    h.server.contacts.get('sip:ann@contoso.com')!.note = 'Back at 3';
    h.server.contacts.get('sip:cy@contoso.com')!.note = undefined;
    h.server.contacts.get('sip:bob@contoso.com')!.availability = 'Away';
    for (const [rel, href, uri] of [
      ['contactNote', noteHref('sip:ann@contoso.com'), 'sip:ann@contoso.com'],
      ['contactNote', noteHref('sip:cy@contoso.com'), 'sip:cy@contoso.com'],
      ['contactPresence', presenceHref('sip:bob@contoso.com'), 'sip:bob@contoso.com'],
    ] as const) {
      h.emit({ type: 'updated', link: { rel, href }, in: { rel: 'contact', href: contactHref(uri) } });
    }
    h.advance(0);
    expect(h.server.calls()).toEqual(['POST /ucwa/oauth/v1/applications/101/batch']);
    expect(h.server.log[0]!.inner).toHaveLength(3);
    expect(h.list.contacts['sip:ann@contoso.com']!.note).toBe('Back at 3');
    expect(h.list.contacts['sip:cy@contoso.com']).toEqual({ uri: 'sip:cy@contoso.com', name: 'Cy Diaz', availability: 'Away' });
    expect(h.changes.map((c) => c.kind)).toEqual(['contactPresenceChanged']); // notes are not feed entries
  });

  it('refreshes the contacts subscription on its updated warning and both subscriptions before they end', () => {
    h.start();
    h.server.log.length = 0;
    h.emit({ type: 'updated', link: { rel: 'myContactsAndGroupsSubscription', href: `${PEOPLE}/contactsAndGroupsSubscription` } });
    expect(h.server.calls()).toEqual(['POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30']);
    h.server.log.length = 0;
    h.advance(SUBSCRIPTION_REFRESH_MS - 1);
    expect(h.server.calls()).toEqual([]);
    h.advance(1);
    expect(h.server.calls()).toEqual([
      'POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30',
      'POST ~/presenceSubscriptions/s1?duration=30',
    ]);
  });

  it('extends the presence subscription on its warning and re-creates it when the extension gets 404', () => {
    h.start();
    h.server.log.length = 0;
    const sub = { rel: 'presenceSubscription', href: `${PEOPLE}/presenceSubscriptions/s1` };
    h.emit({ type: 'updated', link: sub });
    expect(h.server.calls()).toEqual(['POST ~/presenceSubscriptions/s1?duration=30']);
    h.server.log.length = 0;
    h.server.faults.push({ method: 'POST', path: 'presenceSubscriptions/s1', status: 404 });
    h.emit({ type: 'updated', link: sub });
    expect(h.server.calls()).toEqual(['POST ~/presenceSubscriptions/s1?duration=30', 'POST ~/presenceSubscriptions']);
    expect(h.server.log[1]!.json).toMatchObject({ duration: 30, uris: expect.arrayContaining(['sip:ann@contoso.com', 'sip:bob@contoso.com', 'sip:cy@contoso.com']) });
  });

  it('on resume re-creates subscriptions and re-reads; changes missed meanwhile come out of the diff once', () => {
    h.start();
    h.server.groups[1]!.members.push('sip:bob@contoso.com');
    h.server.contacts.get('sip:cy@contoso.com')!.availability = 'Busy';
    h.server.log.length = 0;
    h.reset$.next('resume');
    h.advance(0);
    expect(h.server.calls()).toEqual([
      'GET ~/contactsAndGroupsSubscription',
      'POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30',
      'GET ~/groups',
      'POST /ucwa/oauth/v1/applications/101/batch',
      'POST ~/presenceSubscriptions',
      'POST ~/presenceSubscriptionMemberships?presenceSubscriptionId=s2',
      'POST /ucwa/oauth/v1/applications/101/batch',
      'POST /ucwa/oauth/v1/applications/101/batch', // the fence contact's presence, from its initial event
    ]);
    expect(h.changes.map((c) => [c.kind, c.contact])).toEqual([
      ['contactAdded', 'Bob Roe'],
      ['contactPresenceChanged', 'Cy Diaz'],
    ]);
    h.server.log.length = 0;
    h.reset$.next('resync');
    expect(h.server.calls().filter((c) => c.includes('Subscription'))).toEqual([]); // resync keeps subscriptions
    expect(h.changes).toHaveLength(2);
  });

  it('keeps the list while signed out/reconnecting and diffs against it when a new application arrives', () => {
    h.start();
    h.context$.next(null);
    h.server.groups = h.server.groups.filter((g) => g.id !== 'dl');
    h.server.groups.push({ id: 'g9', name: 'New', rel: 'group', members: [] });
    h.context$.next(h.context());
    h.advance(0);
    expect(h.changes.map((c) => [c.kind, c.group])).toEqual([
      ['groupRemoved', 'Engineering DL'],
      ['groupAdded', 'New'],
    ]);
    expect(view(h.list)).toEqual(truth(h.server));
  });

  it('retries the first read with backoff on server trouble, without giving up', () => {
    h.server.faults.push({ method: 'GET', path: '/people/groups', status: 503 }, { method: 'POST', path: 'batch', status: 500 });
    h.start();
    expect(h.lists).toHaveLength(0);
    h.advance(1_000);
    expect(h.lists).toHaveLength(0);
    h.advance(2_000);
    expect(view(h.list)).toEqual(truth(h.server));
    expect(h.warnings.filter((w) => w.includes('retrying'))).toHaveLength(2);
  });

  it('a group whose members read failed (503 in the batch) during a resync keeps its members: no phantom contactRemoved', () => {
    h.start();
    h.server.partFaults.push({ method: 'GET', path: 'groupId=g1', status: 503 });
    h.server.log.length = 0;
    h.reset$.next('resync');
    h.advance(0);
    expect(h.changes).toEqual([]);
    expect(h.list.groups.find((g) => g.id === 'g1')!.contactUris).toEqual(['sip:ann@contoso.com', 'sip:bob@contoso.com']);
    h.advance(1_000); // the session's backoff: the read is tried again and works
    expect(h.server.calls().filter((c) => c === 'GET ~/groups')).toHaveLength(2);
    expect(h.changes).toEqual([]);
    expect(view(h.list)).toEqual(truth(h.server));
  });

  it('503 with Retry-After: 60 for 60 s on the presence batch: the change arrives when the server answers, one retry per Retry-After', () => {
    h.start();
    h.server.log.length = 0;
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'Away';
    h.server.faults.push({ method: 'POST', path: 'batch', status: 503, retryAfter: 60, until: START + 60_000 });
    h.emitPresenceUpdated('sip:ann@contoso.com');
    h.advance(59_000);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Online');
    h.advance(2_000);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Away');
    expect(h.server.calls()).toEqual(['POST /ucwa/oauth/v1/applications/101/batch', 'POST /ucwa/oauth/v1/applications/101/batch']);
    expect(h.changes.map((c) => [c.kind, c.contact, c.availability])).toEqual([['contactPresenceChanged', 'Ann Lee', 'Away']]);
  });

  it('403 on myGroups: the list stops with a forbidden failure and is not retried', () => {
    h.server.faults.push({ method: 'GET', path: '/people/groups', status: 403, times: 1_000 });
    h.start();
    h.advance(600_000);
    expect(h.failures.map((f) => f.reason)).toEqual(['forbidden']);
    expect(h.server.calls().filter((c) => c === 'GET ~/groups')).toHaveLength(1);
    expect(h.warnings.filter((w) => w.includes('retrying'))).toEqual([]);
  });

  it('a programming error (TypeError) is not retried: logged with its stack, the list stops with a failure', () => {
    h.server.throwOnce = { path: '/people/groups', error: new TypeError("Cannot read properties of undefined (reading 'href')") };
    h.start();
    h.advance(600_000);
    expect(h.failures.map((f) => f.reason)).toEqual(['unknown']);
    expect(h.server.calls().filter((c) => c === 'GET ~/groups')).toHaveLength(1);
    const logged = h.logLines.find((line) => line.level === 'error');
    expect(logged?.fields?.['stack']).toContain('TypeError');
  });

  it('reconcile re-checks both subscriptions at once', () => {
    h.start();
    h.server.log.length = 0;
    h.reconcile$.next();
    expect(h.server.calls()).toEqual([
      'POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30',
      'POST ~/presenceSubscriptions/s1?duration=30',
    ]);
  });

  it('subscriptions whose refreshes failed (503) until both ran out are re-created and the list re-read once the server answers: a change made after the expiry arrives', () => {
    h.start();
    const until = START + 35 * 60_000;
    h.server.faults.push(
      { method: 'POST', path: 'contactsAndGroupsSubscription/startOrRefresh', status: 503, until },
      { method: 'POST', path: 'presenceSubscriptions', status: 503, until },
    );
    h.advance(33 * 60_000);
    // Both subscriptions ran out on the server at 30 min: this change raises no event.
    h.server.groups[1]!.members.push('sip:bob@contoso.com');
    h.server.log.length = 0;
    h.advance(3 * 60_000);
    expect(h.changes.map((c) => [c.kind, c.contact, c.group])).toEqual([['contactAdded', 'Bob Roe', 'Other Contacts']]);
    expect(view(h.list)).toEqual(truth(h.server));
    // Re-created first, then one re-read (none while the server still refused the subscriptions).
    const calls = h.server.calls();
    const reread = calls.indexOf('GET ~/groups');
    expect(calls.filter((c) => c === 'GET ~/groups')).toHaveLength(1);
    expect(calls.slice(reread - 2, reread)).toEqual(['POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30', 'POST ~/presenceSubscriptions']);
  });

  it('lapsed subscriptions: while only the contacts one can be re-created the list is not re-read; once presence is back too, it is re-read once and a change made meanwhile arrives', () => {
    h.start();
    h.server.faults.push(
      { method: 'POST', path: 'contactsAndGroupsSubscription/startOrRefresh', status: 503, until: START + 35 * 60_000 },
      { method: 'POST', path: 'presenceSubscriptions', status: 503, until: START + 45 * 60_000 },
    );
    h.advance(33 * 60_000);
    h.server.groups[1]!.members.push('sip:bob@contoso.com');
    h.server.log.length = 0;
    h.advance(7 * 60_000);
    // The contacts subscription is back, presence is still refused: no re-read yet, and the contacts
    // subscription, re-created once, is only refreshed while presence is retried.
    expect(h.server.calls()).toContain('POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30');
    expect(h.server.calls()).not.toContain('GET ~/contactsAndGroupsSubscription');
    expect(h.server.calls()).not.toContain('GET ~/groups');
    expect(h.changes).toEqual([]);
    h.advance(7 * 60_000);
    expect(h.changes.map((c) => [c.kind, c.contact, c.group])).toEqual([['contactAdded', 'Bob Roe', 'Other Contacts']]);
    expect(view(h.list)).toEqual(truth(h.server));
    const calls = h.server.calls();
    expect(calls.filter((c) => c === 'GET ~/groups')).toHaveLength(1);
    expect(calls[calls.indexOf('GET ~/groups') - 1]).toBe('POST ~/presenceSubscriptions');
    // Back to normal: the next tick refreshes both and reads nothing again.
    h.server.log.length = 0;
    h.advance(SUBSCRIPTION_REFRESH_MS);
    expect(h.server.calls().filter((c) => c === 'GET ~/groups')).toEqual([]);
  });

  it('lapsed subscriptions: while only the presence one can be re-created the list is not re-read; once the contacts one is back too, it is re-read once', () => {
    h.start();
    h.server.faults.push(
      { method: 'POST', path: 'contactsAndGroupsSubscription/startOrRefresh', status: 503, until: START + 45 * 60_000 },
      { method: 'POST', path: 'presenceSubscriptions', status: 503, until: START + 35 * 60_000 },
    );
    h.advance(33 * 60_000);
    h.server.groups[1]!.members.push('sip:bob@contoso.com');
    h.server.log.length = 0;
    h.advance(7 * 60_000);
    expect(h.server.calls()).toContain('POST ~/presenceSubscriptions');
    expect(h.server.calls()).not.toContain('GET ~/groups');
    h.advance(7 * 60_000);
    expect(h.changes.map((c) => [c.kind, c.contact, c.group])).toEqual([['contactAdded', 'Bob Roe', 'Other Contacts']]);
    expect(h.server.calls().filter((c) => c === 'GET ~/groups')).toHaveLength(1);
  });

  it('a contacts subscription that lapsed (updated, Disconnected) is restarted and the list re-read: changes made meanwhile arrive once', () => {
    h.start();
    h.server.groups[1]!.members.push('sip:bob@contoso.com'); // made while the subscription was down: no event
    h.server.log.length = 0;
    h.emit({
      type: 'updated',
      link: { rel: 'myContactsAndGroupsSubscription', href: `${PEOPLE}/contactsAndGroupsSubscription` },
      embedded: { myContactsAndGroupsSubscription: { rel: 'myContactsAndGroupsSubscription', state: 'Disconnected' } },
    });
    h.advance(0);
    expect(h.server.calls().slice(0, 2)).toEqual(['POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30', 'GET ~/groups']);
    expect(h.changes.map((c) => [c.kind, c.contact, c.group])).toEqual([['contactAdded', 'Bob Roe', 'Other Contacts']]);
    expect(view(h.list)).toEqual(truth(h.server));
  });

  it('reads the rows the window shows first (presence and note together), then the rest: presence, then notes', () => {
    h.context$.next({ ...h.context(), readFirst: () => ['sip:cy@contoso.com', 'sip:nobody@contoso.com', 'sip:cy@contoso.com'] });
    h.start();
    const path = (href: string): string => new URL(href).pathname;
    // Cy first; Bob, last in reading order, is the fence: his presence comes from his initial event.
    expect(h.server.log[4]!.json).toEqual({ duration: 30, uris: ['sip:cy@contoso.com', 'sip:ann@contoso.com'] });
    expect(h.server.log[5]!.json).toEqual({ contactUris: ['sip:bob@contoso.com'] });
    expect(h.server.log[6]!.inner).toEqual([presenceHref('sip:cy@contoso.com'), noteHref('sip:cy@contoso.com'), presenceHref('sip:ann@contoso.com')].map(path));
    // The later contacts' notes come after, each read once.
    const later = h.server.log.slice(7).flatMap((entry) => entry.inner ?? []);
    expect(later.sort()).toEqual([presenceHref('sip:bob@contoso.com'), noteHref('sip:ann@contoso.com'), noteHref('sip:bob@contoso.com')].map(path).sort());
  });

  it('without a window order the first 50 contacts in group order are read first, presence and note together', () => {
    const many = Array.from({ length: 55 }, (_, i) => `sip:p${String(i).padStart(2, '0')}@contoso.com`);
    for (const uri of many) h.server.contacts.set(uri, { uri, name: uri, availability: 'Online' });
    h.server.groups = [{ id: 'g1', name: 'Everyone', rel: 'group', members: many }];
    h.start();
    const path = (href: string): string => new URL(href).pathname;
    const reads = h.server.log.slice(6).flatMap((entry) => entry.inner ?? []);
    const fence = many[54]!;
    const expected = [...many.slice(0, 50).flatMap((uri) => [presenceHref(uri), noteHref(uri)]), ...many.slice(50).filter((uri) => uri !== fence).map(presenceHref)].map(path);
    expect(reads.slice(0, expected.length)).toEqual(expected);
    // Then the later contacts' notes and the fence's presence (its initial event), each once.
    expect(reads.slice(expected.length).sort()).toEqual([...many.slice(50).map(noteHref), presenceHref(fence)].map(path).sort());
    expect(Object.values(h.list.contacts).every((c) => c.availability === 'Online')).toBe(true);
  });

  it('a resync during the sign-in read: the later contacts\' notes are read once, by the newer load; the stale read is not sent', () => {
    const many = Array.from({ length: 55 }, (_, i) => `sip:p${String(i).padStart(2, '0')}@contoso.com`);
    for (const uri of many) h.server.contacts.set(uri, { uri, name: uri, availability: 'Online', note: `note ${uri}` });
    h.server.groups = [{ id: 'g1', name: 'Everyone', rel: 'group', members: many }];
    let resynced = false;
    const initial = h.server.onSubscribed;
    h.server.onSubscribed = (uris) => {
      initial(uris);
      if (!resynced) {
        resynced = true;
        h.reset$.next('resync');
      }
    };
    h.start();
    h.advance(1_000);
    const path = (href: string): string => new URL(href).pathname;
    const reads = h.server.log.flatMap((entry) => entry.inner ?? []);
    expect(h.server.calls().filter((c) => c === 'GET ~/groups')).toHaveLength(2);
    for (const uri of many.slice(50)) expect(reads.filter((href) => href === path(noteHref(uri)))).toHaveLength(1);
    expect(h.list.contacts[many[54]!]!.note).toBe(`note ${many[54]!}`);
  });

  it('ignores events of other senders and presence or note events that are not updates', () => {
    h.start();
    h.server.log.length = 0;
    h.server.contacts.get('sip:ann@contoso.com')!.availability = 'Busy';
    h.events$.next({ sender: { rel: 'me', href: `${PEOPLE}/../me` }, type: 'updated', link: { rel: 'contactPresence', href: presenceHref('sip:ann@contoso.com') } });
    for (const type of ['added', 'deleted'] as const) {
      h.emit({ type, link: { rel: 'contactPresence', href: presenceHref('sip:ann@contoso.com') }, in: { rel: 'contact', href: contactHref('sip:ann@contoso.com') } });
      h.emit({ type, link: { rel: 'contactNote', href: noteHref('sip:ann@contoso.com') }, in: { rel: 'contact', href: contactHref('sip:ann@contoso.com') } });
      h.emit({ type, link: { rel: 'myContactsAndGroupsSubscription', href: `${PEOPLE}/contactsAndGroupsSubscription` } });
    }
    h.emit({ type: 'started', link: { rel: 'group', href: groupHref('g1') } });
    h.emit({ type: 'deleted', link: { rel: 'group', href: groupHref('unknown') } });
    h.emit({ type: 'added', link: { rel: 'presenceSubscription', href: `${PEOPLE}/presenceSubscriptions/s1` } });
    h.emit({ type: 'updated', link: { rel: 'contact', href: contactHref('sip:ann@contoso.com') }, in: { rel: 'group', href: groupHref('g1') } });
    h.emit({ type: 'updated', link: { rel: 'somethingElse', href: `${PEOPLE}/x` } });
    h.advance(1_000);
    expect(h.server.calls()).toEqual([]);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Online');
  });

  it('re-creates the presence subscription for every listed contact when the server deletes ours, not when another goes', () => {
    h.start();
    h.server.log.length = 0;
    h.emit({ type: 'deleted', link: { rel: 'presenceSubscription', href: `${PEOPLE}/presenceSubscriptions/s9` } });
    expect(h.server.calls()).toEqual([]);
    h.emit({ type: 'deleted', link: { rel: 'presenceSubscription', href: `${PEOPLE}/PresenceSubscriptions/s1` } });
    expect(h.server.calls()).toEqual(['POST ~/presenceSubscriptions']);
    expect(h.server.log[0]!.json).toEqual({ duration: 30, uris: expect.arrayContaining(['sip:ann@contoso.com', 'sip:bob@contoso.com', 'sip:cy@contoso.com']) });
    expect((h.server.log[0]!.json as { uris: string[] }).uris).toHaveLength(3);
  });

  it('tells the user in words why the list stopped, and logs what failed with its status', () => {
    h.server.faults.push({ method: 'GET', path: '/people/groups', status: 503 }, { method: 'GET', path: '/people/groups', status: 403, times: 1_000 });
    h.start();
    h.advance(600_000);
    expect(h.failures).toEqual([{ reason: 'forbidden', message: 'The server does not let this account read its contact list; ask your administrator.' }]);
    expect(h.logLines.find((line) => line.message === 'people: reading the contact list failed, retrying')).toEqual({
      level: 'warn',
      message: 'people: reading the contact list failed, retrying',
      fields: { attempt: 1, delayMs: 750, kind: 'http', status: 503 },
    });
    expect(h.logLines.find((line) => line.message === 'people: load failed, the contact list stops')).toMatchObject({ level: 'warn', fields: { kind: 'http', status: 403 } });
  });

  it('a programming error stops the list with an internal-error message', () => {
    h.server.throwOnce = { path: '/people/groups', error: new TypeError('bug') };
    h.start();
    expect(h.failures).toEqual([{ reason: 'unknown', message: 'The contact list stopped because of an internal error; sign in again.' }]);
  });

  it('a presence part answered 503 with Retry-After at sign-in is read again when the server says, not before', () => {
    h.server.partFaults.push({ method: 'GET', path: 'ann@contoso.com/presence', status: 503, retryAfter: 60 });
    h.start();
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Unknown');
    h.advance(59_000);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Unknown');
    h.advance(2_000);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Online');
    expect(h.logLines.find((line) => line.message === 'people: reading contact presence failed, retrying')?.fields).toMatchObject({ status: 503, delayMs: 60_000 });
  });

  it('a presence part that is gone (404) leaves that contact Unknown and is not retried', () => {
    h.server.partFaults.push({ method: 'GET', path: 'ann@contoso.com/presence', status: 404 });
    h.start();
    h.advance(60_000);
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Unknown');
    expect(h.list.contacts['sip:bob@contoso.com']!.availability).toBe('Busy');
    expect(h.warnings.filter((w) => w.includes('retrying'))).toEqual([]);
  });

  it('an update whose read answers 404 in the batch is dropped; one answered 503 is read again', () => {
    h.start();
    h.server.log.length = 0;
    h.server.contacts.get('sip:bob@contoso.com')!.availability = 'Away';
    h.server.partFaults.push({ method: 'GET', path: 'ann@contoso.com/presence', status: 404 }, { method: 'GET', path: 'bob@contoso.com/presence', status: 503 });
    h.emitPresenceUpdated('sip:ann@contoso.com');
    h.emitPresenceUpdated('sip:bob@contoso.com');
    h.advance(0);
    expect(h.list.contacts['sip:bob@contoso.com']!.availability).toBe('Busy');
    h.advance(1_000);
    expect(h.list.contacts['sip:bob@contoso.com']!.availability).toBe('Away');
    expect(h.list.contacts['sip:ann@contoso.com']!.availability).toBe('Online');
    expect(h.server.calls()).toEqual(['POST /ucwa/oauth/v1/applications/101/batch', 'POST /ucwa/oauth/v1/applications/101/batch']);
  });

  it('without subscription links the list is still read, with every presence read (no fence to wait for)', () => {
    const links = h.server.links();
    const { myContactsAndGroupsSubscription: _c, presenceSubscriptions: _p, ...people } = links.people;
    h.context$.next({ ...h.context(), links: { people, batch: links.batch } });
    h.start();
    expect(h.server.calls().filter((c) => c.includes('ubscription'))).toEqual([]);
    expect(view(h.list)).toEqual(truth(h.server));
    h.server.log.length = 0;
    h.reconcile$.next();
    h.advance(SUBSCRIPTION_REFRESH_MS);
    // A presence subscription deleted on the server is not ours: we hold none.
    h.emit({ type: 'deleted', link: { rel: 'presenceSubscription', href: `${PEOPLE}/presenceSubscriptions/s1` } });
    h.advance(0);
    expect(h.server.calls()).toEqual([]);
    expect(h.failures).toEqual([]);
  });

  it('a refresh refused with 503 is tried again with the backoff, not at the next 25-minute tick', () => {
    h.start();
    h.server.log.length = 0;
    h.server.faults.push({ method: 'POST', path: 'contactsAndGroupsSubscription/startOrRefresh', status: 503 });
    h.reconcile$.next();
    expect(h.server.calls()).toEqual(['POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30', 'POST ~/presenceSubscriptions/s1?duration=30']);
    h.advance(1_000);
    expect(h.server.calls().slice(2)).toEqual(['POST ~/contactsAndGroupsSubscription/startOrRefresh?duration=30', 'POST ~/presenceSubscriptions/s1?duration=30']);
    h.advance(60_000);
    expect(h.server.calls()).toHaveLength(4);
  });
});
