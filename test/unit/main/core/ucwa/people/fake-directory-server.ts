import type { ResourceRequest } from '../../../../../../main/core/ucwa/resource-client';
import { APP, contactId, type FakeAnswer, type FakeContact, FakePeopleServer, PATH, PEOPLE } from './fake-people-server';

/**
 * The people fake with the directory and contact-list management resources a UCWA 2.0 server
 * with revision-2 resources links (ucwa-protocol.md §6.1–§6.8): the people resource itself,
 * search, myContacts, myGroupMemberships, contact card parts, photos and the change actions.
 * Changes are answered 204 and logged, not applied: the directory only sends them.
 */
export interface DirectoryPerson extends FakeContact {
  title?: string;
  department?: string;
  location?: string;
  modalities?: string[];
  photo?: Uint8Array;
  photoEtag?: string;
  /** Its contact resource links nothing but itself (no presence, note or card parts). */
  bare?: boolean;
}

export interface FakeDistributionList {
  uri: string;
  name: string;
  members: string[];
  /** false: the directory shows it without expandDistributionGroup. */
  expandable?: boolean;
  /** false: the directory shows it without addToContactList. */
  addable?: boolean;
}

export const photoHref = (uri: string): string => `${APP}/photos/${contactId(uri)}`;

export class FakeDirectoryServer extends FakePeopleServer {
  /** The directory beyond the contact list: people a search finds, by URI. */
  readonly directory = new Map<string, DirectoryPerson>();
  readonly distributionLists: FakeDistributionList[] = [];
  /** Revision of the myGroups and myGroupMemberships links; below 2 the list is read-only. */
  revision: string | undefined = '2';
  offersSearch = true;
  /** ETags the groups answer with (none when absent). */
  readonly groupEtags = new Map<string, string>();
  /** Memberships answer without removeContactFromAllGroups (a revision-1 server). */
  removeFromAllLinked = true;

  constructor() {
    super();
    const sara: DirectoryPerson = {
      uri: 'sip:sarad@contoso.com',
      name: 'Sara Davis',
      availability: 'Away',
      title: 'PM',
      department: 'Falcon',
      note: 'Shipping Falcon',
      location: 'Building 7',
      modalities: ['Messaging', 'Audio'],
      photo: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
      photoEtag: '"p1"',
    };
    this.directory.set(sara.uri, sara);
    this.directory.set('sip:sarahj@contoso.com', { uri: 'sip:sarahj@contoso.com', name: 'Sarah Jones', availability: 'Online', title: 'Recruiter' });
    this.distributionLists.push({ uri: 'sip:falcon-core@contoso.com', name: 'Falcon Core Team', members: ['sip:sarad@contoso.com', 'sip:ann@contoso.com'] });
  }

  /** The application's people links, as the directory reads them. */
  peopleLinks(): Record<string, string> {
    return { ...this.links().people, myContacts: `${PEOPLE}/contacts` };
  }

  private person(id: string | undefined): DirectoryPerson | undefined {
    return [...this.contacts.values(), ...this.directory.values()].find((c) => contactId(c.uri) === id);
  }

  protected override answer(method: string, href: string, request?: ResourceRequest): FakeAnswer {
    const url = new URL(href);
    for (const [name, value] of Object.entries(request?.query ?? {})) url.searchParams.set(name, value);
    const path = url.pathname.replace(PATH, '');
    const photo = /^\/ucwa\/oauth\/v1\/applications\/101\/photos\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && photo) {
      const found = this.person(photo[1]);
      if (found?.photo === undefined) return { status: 404, body: null };
      const etag = found.photoEtag;
      if (etag !== undefined && request?.headers?.['If-None-Match'] === etag) return { status: 304, body: null };
      return { status: 200, body: null, bytes: found.photo, ...(etag !== undefined ? { headers: { etag } } : {}) };
    }
    if (method === 'GET' && path === '') return { status: 200, body: this.peopleJson() };
    if (method === 'GET' && path === '/search') return { status: 200, body: this.searchJson(url.searchParams.get('query') ?? '', Number(url.searchParams.get('limit'))) };
    if (method === 'GET' && path === '/contacts' && !url.searchParams.has('groupId')) {
      const uris = [...new Set(this.groups.filter((g) => g.rel !== 'distributionGroup').flatMap((g) => g.members))];
      return { status: 200, body: { _embedded: { contact: uris.map((uri) => this.contactJson(this.contacts.get(uri)!)) }, rel: 'myContacts' } };
    }
    if (method === 'GET' && path === '/groupMemberships') return { status: 200, body: this.membershipsJson() };
    const dl = /^\/distributionLists\/([^/]+)\/expand$/.exec(path);
    const listed = /^\/groups\/([^/]+)\/expand$/.exec(path);
    if (method === 'GET' && (dl || listed)) {
      const uri = dl ? `sip:${dl[1]}` : this.groups.find((g) => g.id === listed![1])?.uri;
      const found = this.distributionLists.find((d) => d.uri === uri);
      if (!found) return { status: 404, body: null };
      return { status: 200, body: { _embedded: { contact: found.members.map((m) => this.contactJson(this.person(contactId(m))!)) }, rel: 'distributionGroup' } };
    }
    const part = /^\/([^/]+)\/(location|supportedMedia)$/.exec(path);
    if (method === 'GET' && part) {
      const found = this.person(part[1]);
      if (!found) return { status: 404, body: null };
      return part[2] === 'location'
        ? { status: 200, body: { location: found.location ?? '', rel: 'contactLocation' } }
        : { status: 200, body: { modalities: found.modalities ?? [], rel: 'contactSupportedModalities' } };
    }
    const group = /^\/groups\/([^/]+)$/.exec(path);
    if (method === 'GET' && group && this.groupEtags.has(group[1]!)) {
      const answer = super.answer(method, href, request);
      return { ...answer, headers: { etag: this.groupEtags.get(group[1]!)! } };
    }
    if (method === 'GET' && /^\/[^/]+(\/(note|presence))?$/.test(path) && !this.contacts.has(`sip:${path.split('/')[1]}`)) {
      const [, id, rel] = path.split('/');
      const found = this.directory.get([...this.directory.keys()].find((k) => contactId(k) === id) ?? '');
      if (found) {
        if (rel === 'note') return { status: 200, body: { ...(found.note ? { message: found.note } : {}), type: 'Personal', rel: 'contactNote' } };
        if (rel === 'presence') return { status: 200, body: { availability: found.availability, rel: 'contactPresence' } };
        return { status: 200, body: this.contactJson(found) };
      }
    }
    if (method !== 'GET' && this.isManagement(path)) return { status: 204, body: null };
    return super.answer(method, href, request);
  }

  private isManagement(path: string): boolean {
    return /^\/(groupMemberships(\/.*)?|groups(\/[^/]+(\/removeFromContactList)?)?|groups\/addToContactList)$/.test(path);
  }

  protected override contactJson(contact: FakeContact): unknown {
    const person = contact as DirectoryPerson;
    const id = contactId(contact.uri);
    return {
      uri: contact.uri,
      name: contact.name,
      ...(person.title !== undefined ? { title: person.title } : {}),
      ...(person.department !== undefined ? { department: person.department } : {}),
      emailAddresses: [`${id}`],
      type: 'User',
      _links: person.bare === true ? { self: { href: `${PATH}/${id}` } } : {
        self: { href: `${PATH}/${id}` },
        contactPresence: { href: `${PATH}/${id}/presence` },
        contactNote: { href: `${PATH}/${id}/note` },
        contactLocation: { href: `${PATH}/${id}/location` },
        contactSupportedModalities: { href: `${PATH}/${id}/supportedMedia` },
        ...(person.photo !== undefined ? { contactPhoto: { href: `../photos/${id}` } } : {}),
      },
      rel: 'contact',
    };
  }

  private peopleJson(): unknown {
    const rev = this.revision === undefined ? {} : { revision: this.revision };
    return {
      _links: {
        self: { href: PATH },
        myGroups: { href: `${PATH}/groups`, ...rev },
        myGroupMemberships: { href: `${PATH}/groupMemberships`, ...rev },
        myContacts: { href: `${PATH}/contacts` },
        ...(this.offersSearch ? { search: { href: `${PATH}/search` } } : {}),
      },
      rel: 'people',
    };
  }

  private searchJson(query: string, limit: number): unknown {
    const q = query.toLowerCase();
    const people = [...this.directory.values(), ...this.contacts.values()].filter((p) => p.name.toLowerCase().includes(q) || p.uri.toLowerCase().includes(q));
    const lists = this.distributionLists.filter((d) => d.name.toLowerCase().includes(q) || d.uri.toLowerCase().includes(q));
    const all = [...people.map((p) => ['contact', p] as const), ...lists.map((d) => ['dl', d] as const)];
    const shown = all.slice(0, limit);
    const contacts = shown.flatMap(([kind, p]) => (kind === 'contact' ? [this.contactJson(p as DirectoryPerson)] : []));
    const groups = shown.flatMap(([kind, d]) => (kind === 'dl' ? [this.distributionListJson(d as FakeDistributionList)] : []));
    return { moreResultsAvailable: all.length > shown.length, _embedded: { contact: contacts, distributionGroup: groups }, rel: 'search' };
  }

  private distributionListJson(list: FakeDistributionList): unknown {
    const onList = this.groups.find((g) => g.rel === 'distributionGroup' && g.uri === list.uri);
    const id = contactId(list.uri);
    return {
      uri: list.uri,
      name: list.name,
      ...(onList ? { id: onList.id } : {}),
      _links: {
        self: { href: onList ? `${PATH}/groups/${onList.id}` : `${PATH}/distributionLists/${id}` },
        ...(list.expandable === false
          ? {}
          : { expandDistributionGroup: { href: onList ? `${PATH}/groups/${onList.id}/expand` : `${PATH}/distributionLists/${id}/expand` } }),
        ...(onList
          ? { removeFromContactList: { href: `${PATH}/groups/${onList.id}/removeFromContactList` } }
          : list.addable === false
            ? {}
            : { addToContactList: { href: `${PATH}/groups/addToContactList?smtpAddress=${encodeURIComponent(id)}` } }),
      },
      rel: 'distributionGroup',
    };
  }

  private membershipsJson(): unknown {
    const memberships = this.groups
      .filter((g) => g.rel !== 'distributionGroup')
      .flatMap((g) =>
        g.members.map((uri) => ({
          _links: {
            self: { href: `${PATH}/groupMemberships/${g.id}/${contactId(uri)}` },
            contact: { href: `${PATH}/${contactId(uri)}` },
            [g.rel]: { href: `${PATH}/groups/${g.id}` },
          },
          rel: 'myGroupMembership',
        })),
      );
    return {
      _links: {
        self: { href: `${PATH}/groupMemberships` },
        ...(this.removeFromAllLinked ? { removeContactFromAllGroups: { href: `${PATH}/groupMemberships/removeContactFromAllGroups` } } : {}),
      },
      _embedded: { myGroupMembership: memberships },
      rel: 'myGroupMemberships',
    };
  }
}
