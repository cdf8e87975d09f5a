import { defer, type Observable, of, throwError } from 'rxjs';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../../../../../../main/core/ucwa/resource-client';
import { UcwaError } from '../../../../../../main/core/ucwa/ucwa-error';
import type { UcwaEvent } from '../../../../../../main/core/ucwa/ucwa-event';

/**
 * An in-memory stand-in for the people part of a UCWA server, answering synchronously: myGroups,
 * groupContacts, contacts, contactPresence, the two subscriptions and `batch` (multipart, parsed
 * and answered for real). Hrefs in answers are relative, as real servers send them.
 */
export const APP = 'https://pool.contoso.com/ucwa/oauth/v1/applications/101';
export const PEOPLE = `${APP}/people`;
export const PATH = new URL(PEOPLE).pathname;

export interface FakeContact {
  uri: string;
  name: string;
  availability: string;
  note?: string;
}
export interface FakeGroup {
  id: string;
  name: string;
  rel: 'pinnedGroup' | 'defaultGroup' | 'group' | 'distributionGroup';
  members: string[];
  /** A distribution group's address: it then links expandDistributionGroup and removeFromContactList. */
  uri?: string;
  /** false: the server does not let it be removed (no removeFromContactList link). */
  removable?: boolean;
}

export const contactId = (uri: string): string => uri.replace(/^sip:/, '').toLowerCase();
export const groupHref = (id: string): string => `${PEOPLE}/groups/${id}`;
export const contactHref = (uri: string): string => `${PEOPLE}/${contactId(uri)}`;
export const presenceHref = (uri: string): string => `${contactHref(uri)}/presence`;
export const noteHref = (uri: string): string => `${contactHref(uri)}/note`;

export interface LoggedRequest {
  readonly method: string;
  readonly href: string;
  readonly query?: Readonly<Record<string, string>>;
  readonly json?: unknown;
  /** For batch POSTs: the inner request lines. */
  readonly inner?: readonly string[];
  readonly headers?: ResourceRequest['headers'];
  readonly accept?: string;
  readonly binary?: ResourceRequest['binary'];
}

/** What the fake answers one request with. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  readonly bytes?: Uint8Array;
}

export interface FakeFault {
  method: string;
  path: string;
  status: number;
  retryAfter?: number;
  times?: number;
  /** Instead of `times`: every matching request fails while `now()` is before this (epoch ms). */
  until?: number;
}

function takeFault(faults: FakeFault[], method: string, href: string, now: number): FakeFault | undefined {
  const index = faults.findIndex((f) => f.method === method && href.includes(f.path) && (f.until === undefined || now < f.until));
  if (index < 0) return undefined;
  const fault = faults[index]!;
  if (fault.until !== undefined) return fault;
  fault.times = (fault.times ?? 1) - 1;
  if (fault.times <= 0) faults.splice(index, 1);
  return fault;
}

function faultError(fault: FakeFault): UcwaError {
  return new UcwaError('http', 'fault', { status: fault.status, ...(fault.retryAfter !== undefined ? { retryAfter: fault.retryAfter } : {}) });
}

export class FakePeopleServer implements ResourceClient {
  readonly log: LoggedRequest[] = [];
  contacts = new Map<string, FakeContact>();
  groups: FakeGroup[] = [];
  /**
   * Statuses to answer instead, for `METHOD path-substring`, consumed once each (`times` uses when
   * given); `retryAfter` (seconds) as the server's Retry-After.
   */
  readonly faults: FakeFault[] = [];
  /** The same for single parts inside a batch: the batch answers 200, that part carries the status. */
  readonly partFaults: FakeFault[] = [];
  /** Thrown instead of answering, once: an error that is not a UcwaError (a programming error). */
  throwOnce: { path: string; error: unknown } | undefined;
  /** The clock `until` faults are checked against (the test's virtual time). */
  now: () => number = () => 0;
  /** Told the URIs a presence subscription just gained: the server raises their initial contactPresence events (§6.7). */
  onSubscribed: (uris: readonly string[]) => void = () => {};
  presenceSubscriptionCount = 0;

  constructor() {
    for (const c of [
      ['sip:ann@contoso.com', 'Ann Lee', 'Online'],
      ['sip:bob@contoso.com', 'Bob Roe', 'Busy'],
      ['sip:cy@contoso.com', 'Cy Diaz', 'Away'],
    ] as const) {
      this.contacts.set(c[0], { uri: c[0], name: c[1], availability: c[2] });
    }
    this.contacts.get('sip:cy@contoso.com')!.note = 'On leave';
    this.groups = [
      { id: 'g1', name: 'Project Falcon', rel: 'group', members: ['sip:ann@contoso.com', 'sip:bob@contoso.com'] },
      { id: 'other', name: 'Other Contacts', rel: 'defaultGroup', members: ['sip:cy@contoso.com'] },
      { id: 'pin', name: 'Pinned Contacts', rel: 'pinnedGroup', members: ['sip:ann@contoso.com'] },
      { id: 'dl', name: 'Engineering DL', rel: 'distributionGroup', members: [] },
    ];
  }

  /** With `memberships`, people also links myGroupMemberships and myContacts (the one-round structure read). */
  links(withBatch = true, memberships = false): { people: Record<string, string>; batch: string | undefined } {
    return {
      people: {
        self: PEOPLE,
        myGroups: `${PEOPLE}/groups`,
        ...(memberships ? { myGroupMemberships: `${PEOPLE}/groupMemberships`, myContacts: `${PEOPLE}/contacts` } : {}),
        myContactsAndGroupsSubscription: `${PEOPLE}/contactsAndGroupsSubscription`,
        presenceSubscriptions: `${PEOPLE}/presenceSubscriptions`,
      },
      batch: withBatch ? `${APP}/batch` : undefined,
    };
  }

  /** Lazy like a real client: nothing happens until subscribed. */
  request(request: ResourceRequest): Observable<ResourceResponse> {
    return defer(() => this.handle(request));
  }

  private handle(request: ResourceRequest): Observable<ResourceResponse> {
    if (request.href === `${APP}/batch`) {
      const inner = [...(request.body ?? '').matchAll(/^(GET) (\S+) HTTP\/1\.1$/gm)].map((m) => m[2]!);
      this.log.push({ method: request.method, href: request.href, inner });
      const fault = takeFault(this.faults, 'POST', 'batch', this.now());
      if (fault) return throwError(() => faultError(fault));
      const parts = inner.map((path) => {
        const partFault = takeFault(this.partFaults, 'GET', path, this.now());
        const answer = partFault ? { status: partFault.status, body: { code: 'ServiceFailure' } } : this.answer('GET', new URL(path, APP).toString());
        const body = answer.body === null ? '' : JSON.stringify(answer.body);
        const retryAfter = partFault?.retryAfter !== undefined ? `Retry-After: ${partFault.retryAfter}\r\n` : '';
        return `--srv\r\nContent-Type: application/http; msgtype=response\r\n\r\nHTTP/1.1 ${answer.status} X\r\nContent-Type: application/json\r\n${retryAfter}\r\n${body}\r\n`;
      });
      return of({
        url: request.href,
        status: 200,
        headers: { 'content-type': 'multipart/batching; boundary=srv' },
        body: null,
        text: `${parts.join('')}--srv--\r\n`,
      });
    }
    this.log.push({
      method: request.method,
      href: request.href,
      ...(request.query ? { query: request.query } : {}),
      ...(request.json !== undefined ? { json: request.json } : {}),
      ...(request.headers !== undefined ? { headers: request.headers } : {}),
      ...(request.accept !== undefined ? { accept: request.accept } : {}),
      ...(request.binary !== undefined ? { binary: request.binary } : {}),
    });
    if (this.throwOnce !== undefined && request.href.includes(this.throwOnce.path)) {
      const { error } = this.throwOnce;
      this.throwOnce = undefined;
      return throwError(() => error);
    }
    const fault = takeFault(this.faults, request.method, request.href, this.now());
    if (fault) return throwError(() => faultError(fault));
    const answer = this.answer(request.method, request.href, request);
    const added = answer.status === 201 ? subscribedUris(request.json) : [];
    if (added.length > 0) this.onSubscribed(added);
    if (answer.status >= 400) return throwError(() => new UcwaError('http', 'error', { status: answer.status }));
    return of({
      url: request.href,
      status: answer.status,
      headers: answer.headers ?? {},
      body: answer.body,
      text: '',
      ...(answer.bytes !== undefined ? { bytes: answer.bytes } : {}),
    });
  }

  /** Requests other than batch inner ones, as `METHOD path?query` relative to people. */
  calls(): string[] {
    return this.log.map((r) => {
      const url = new URL(r.href);
      const query = r.query ? `?${new URLSearchParams(r.query).toString()}` : url.search;
      return `${r.method} ${url.pathname.replace(PATH, '~')}${query}`;
    });
  }

  event(partial: Omit<UcwaEvent, 'sender'>): UcwaEvent {
    return { sender: { rel: 'people', href: PEOPLE }, ...partial };
  }


  /** Answers one request (batch parts included); subclasses answer more resources first. */
  protected answer(method: string, href: string, _request?: ResourceRequest): FakeAnswer {
    const url = new URL(href);
    const path = url.pathname.replace(PATH, '');
    if (method === 'GET' && path === '/groups') {
      const embed = (rel: FakeGroup['rel']) => this.groups.filter((g) => g.rel === rel).map((g) => this.groupJson(g));
      return {
        status: 200,
        body: {
          _links: { self: { href: `${PATH}/groups` } },
          _embedded: {
            pinnedGroup: embed('pinnedGroup')[0],
            defaultGroup: embed('defaultGroup')[0],
            group: embed('group'),
            distributionGroup: embed('distributionGroup'),
          },
          rel: 'myGroups',
        },
      };
    }
    const group = /^\/groups\/([^/]+)$/.exec(path);
    if (method === 'GET' && group) {
      const found = this.groups.find((g) => g.id === group[1]);
      return found ? { status: 200, body: this.groupJson(found) } : { status: 404, body: { code: 'NotFound' } };
    }
    if (method === 'GET' && path === '/groupMemberships') {
      // As a server lists them: the user's own groups only, never a distribution list.
      const memberships = this.ownGroups().flatMap((g) =>
        g.members.map((uri) => ({
          _links: { self: { href: `${PATH}/groupMemberships/${g.id}/${contactId(uri)}` }, contact: { href: `${PATH}/${contactId(uri)}` }, [g.rel]: { href: `${PATH}/groups/${g.id}` } },
          rel: 'myGroupMembership',
        })),
      );
      return { status: 200, body: { _links: { self: { href: `${PATH}/groupMemberships` } }, _embedded: { myGroupMembership: memberships }, rel: 'myGroupMemberships' } };
    }
    if (method === 'GET' && path === '/contacts' && !url.searchParams.has('groupId')) {
      const uris = [...new Set(this.ownGroups().flatMap((g) => g.members))];
      return { status: 200, body: { _embedded: { contact: uris.map((uri) => this.contactJson(this.contacts.get(uri)!)) }, rel: 'myContacts' } };
    }
    if (method === 'GET' && path === '/contacts') {
      const found = this.groups.find((g) => g.id === url.searchParams.get('groupId'));
      if (!found) return { status: 404, body: { code: 'NotFound' } };
      return {
        status: 200,
        body: { _embedded: { contact: found.members.map((uri) => this.contactJson(this.contacts.get(uri)!)) }, rel: 'groupContacts' },
      };
    }
    if (method === 'GET' && path === '/contactsAndGroupsSubscription') {
      return {
        status: 200,
        body: {
          rel: 'myContactsAndGroupsSubscription',
          state: 'Disconnected',
          _links: {
            self: { href: `${PATH}/contactsAndGroupsSubscription` },
            startOrRefreshSubscriptionToContactsAndGroups: { href: `${PATH}/contactsAndGroupsSubscription/startOrRefresh` },
          },
        },
      };
    }
    if (method === 'POST' && path === '/contactsAndGroupsSubscription/startOrRefresh') {
      return { status: 201, body: { rel: 'myContactsAndGroupsSubscription', state: 'Connected' } };
    }
    if (method === 'POST' && path === '/presenceSubscriptions') {
      this.presenceSubscriptionCount += 1;
      const id = `s${this.presenceSubscriptionCount}`;
      return {
        status: 201,
        body: {
          id,
          _links: {
            self: { href: `${PATH}/presenceSubscriptions/${id}` },
            addToPresenceSubscription: { href: `${PATH}/presenceSubscriptionMemberships?presenceSubscriptionId=${id}` },
          },
          rel: 'presenceSubscription',
        },
      };
    }
    if (method === 'POST' && /^\/presenceSubscriptions\/s\d+$/.test(path)) return { status: 200, body: { rel: 'presenceSubscription' } };
    if (method === 'POST' && path === '/presenceSubscriptionMemberships') return { status: 201, body: { rel: 'memberships' } };
    const note = /^\/([^/]+)\/note$/.exec(path);
    const presence = /^\/([^/]+)\/presence$/.exec(path);
    const contact = /^\/([^/]+)$/.exec(path);
    const byId = (id: string | undefined) => [...this.contacts.values()].find((c) => contactId(c.uri) === id);
    if (method === 'GET' && note) {
      const found = byId(note[1]);
      if (!found) return { status: 404, body: null };
      return { status: 200, body: { ...(found.note ? { message: found.note } : {}), type: 'Personal', rel: 'contactNote' } };
    }
    if (method === 'GET' && presence) {
      const found = byId(presence[1]);
      return found ? { status: 200, body: { availability: found.availability, rel: 'contactPresence' } } : { status: 404, body: null };
    }
    if (method === 'GET' && contact) {
      const found = byId(contact[1]);
      return found ? { status: 200, body: this.contactJson(found) } : { status: 404, body: null };
    }
    return { status: 404, body: { code: 'NotFound' } };
  }

  private ownGroups(): FakeGroup[] {
    return this.groups.filter((g) => g.rel !== 'distributionGroup');
  }

  protected groupJson(group: FakeGroup): unknown {
    return {
      id: group.id,
      name: group.name,
      ...(group.uri !== undefined ? { uri: group.uri } : {}),
      _links: {
        self: { href: `${PATH}/groups/${group.id}` },
        groupContacts: { href: `${PATH}/contacts?groupId=${group.id}` },
        ...(group.uri !== undefined
          ? {
              expandDistributionGroup: { href: `${PATH}/groups/${group.id}/expand` },
              ...(group.removable === false ? {} : { removeFromContactList: { href: `${PATH}/groups/${group.id}/removeFromContactList` } }),
            }
          : {}),
      },
      rel: group.rel,
    };
  }

  protected contactJson(contact: FakeContact): unknown {
    const id = contactId(contact.uri);
    return {
      uri: contact.uri,
      name: contact.name,
      type: 'User',
      _links: {
        self: { href: `${PATH}/${id}` },
        contactPresence: { href: `${PATH}/${id}/presence` },
        contactNote: { href: `${PATH}/${id}/note` },
      },
      rel: 'contact',
    };
  }
}

/** The URIs a presenceSubscriptions / memberships POST body names. */
function subscribedUris(json: unknown): string[] {
  if (typeof json !== 'object' || json === null) return [];
  const body = json as Record<string, unknown>;
  const list = body['uris'] ?? body['contactUris'];
  return Array.isArray(list) ? list.filter((uri): uri is string => typeof uri === 'string') : [];
}
