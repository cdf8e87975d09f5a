import { firstValueFrom } from 'rxjs';
import type { ContactCapabilities, ContactCard, DirectoryContact, SearchResult } from '../../../../shared/models';
import { embedded, links, requireObject, stringProp } from '../hal';
import { UcwaError } from '../ucwa-error';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../resource-client';
import { buildContactCard, parseContactParts } from './contact-card';
import { MAX_PHOTO_BYTES, type PhotoAnswer } from './contact-photo';
import { ContactListError, toContactListError } from './contact-list-error';
import { parseMemberships, parsePeopleOffer, sameHref, type ManagementLinks, type PeopleOffer } from './contact-list-management';
import { clampLimit, MAX_QUERY_LENGTH, parseDistributionGroup, parseExpandedGroup, parseSearch, type DistributionGroupResource } from './directory-search';
import { parseContacts, parseMyGroups, type GroupResource } from './people-resources';

/** What the directory needs from the live session: the client and the application's people links. */
export interface DirectoryAccess {
  readonly client: ResourceClient;
  readonly people: Readonly<Record<string, string>>;
}

/**
 * Directory search, contact cards and contact-list management, following only the links the
 * server gives. Changes are sent and nothing else: the contact list learns of them from the
 * contacts-and-groups subscription, like any other change, so it never drifts from the server.
 * Every failure rejects with a `ContactListError`.
 */
export interface ContactsDirectory {
  capabilities(): Promise<ContactCapabilities>;
  search(query: string, limit: number): Promise<SearchResult>;
  expandDistributionGroup(uri: string): Promise<readonly DirectoryContact[]>;
  contactCard(uri: string): Promise<ContactCard>;
  /** The href of a contact's photo, when the server links one. */
  contactPhotoHref(uri: string): Promise<string | undefined>;
  /**
   * A photo by the href `contactPhotoHref` or `contactCard` gave, with the token of the origin that
   * serves it, at most `MAX_PHOTO_BYTES`; `ifNoneMatch` asks only for a changed one.
   */
  contactPhoto(href: string, ifNoneMatch?: string): Promise<PhotoAnswer>;
  /** No `groupId`: the server's default group. */
  addContact(uri: string, groupId?: string): Promise<void>;
  removeContactFromGroup(uri: string, groupId: string): Promise<void>;
  removeContactFromAllGroups(uri: string): Promise<void>;
  createGroup(name: string): Promise<void>;
  renameGroup(groupId: string, name: string): Promise<void>;
  deleteGroup(groupId: string): Promise<void>;
  addDistributionGroup(uri: string): Promise<void>;
  removeDistributionGroup(groupId: string): Promise<void>;
}

const sameUri = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();
/** Search matches addresses without their scheme. */
const searchText = (uri: string): string => uri.trim().replace(/^sip:/i, '');

export function createContactsDirectory(access: () => DirectoryAccess | undefined): ContactsDirectory {
  // The people resource is read once per application (its self href changes with it).
  const offers = new Map<string, Promise<PeopleOffer>>();

  const session = (): DirectoryAccess => {
    const current = access();
    if (current === undefined) throw new ContactListError('notSignedIn', 'Sign in first.');
    return current;
  };
  const send = (request: ResourceRequest): Promise<ResourceResponse> => firstValueFrom(session().client.request(request));
  const get = (href: string): Promise<ResourceResponse> => send({ method: 'GET', href });

  const offer = (): Promise<PeopleOffer> => {
    const { people } = session();
    const self = people['self'];
    if (self === undefined) throw new ContactListError('unavailable', 'Your server does not offer a contact list.');
    let known = offers.get(self);
    if (known === undefined) {
      known = get(self).then((r) => parsePeopleOffer(r.body, r.url));
      known.catch(() => offers.delete(self));
      offers.clear();
      offers.set(self, known);
    }
    return known;
  };
  const management = async (): Promise<ManagementLinks> => {
    const found = await offer();
    if (found.management === undefined) throw new ContactListError('unavailable', (found.capabilities.contactListManagement as { reason: string }).reason);
    return found.management;
  };
  const guard =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await operation(...args);
      } catch (error) {
        throw toContactListError(error);
      }
    };

  const myGroups = async (href: string): Promise<GroupResource[]> => {
    const r = await get(href);
    return parseMyGroups(r.body, r.url);
  };
  const groupById = async (href: string, groupId: string): Promise<GroupResource> => {
    const group = (await myGroups(href)).find((g) => g.group.id === groupId);
    if (group?.self === undefined) throw new ContactListError('notFound', 'That group is no longer on the contact list.');
    return group;
  };
  const runSearch = async (query: string, limit: number) => {
    const text = query.trim();
    if (text === '') throw new ContactListError('invalid', 'Type a name, address or number to search for.');
    if (text.length > MAX_QUERY_LENGTH) throw new ContactListError('invalid', `A search can be at most ${MAX_QUERY_LENGTH} characters.`);
    const found = await offer();
    if (found.search === undefined) throw new ContactListError('unavailable', 'Your server does not offer a directory search.');
    const r = await send({ method: 'GET', href: found.search, query: { query: text, limit: String(clampLimit(limit)) } });
    return parseSearch(r.body, r.url, text);
  };
  /** A distribution group by address: on the contact list first, else in the directory. */
  const distributionGroup = async (uri: string): Promise<DistributionGroupResource> => {
    const groupsHref = session().people['myGroups'];
    if (groupsHref !== undefined) {
      const r = await get(groupsHref);
      const raw = embedded(requireObject(r.body, 'group list'), 'distributionGroup');
      const listed = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).flatMap((item) => {
        const parsed = parseDistributionGroup(item, r.url);
        return parsed !== undefined && sameUri(parsed.group.uri, uri) ? [parsed] : [];
      });
      if (listed[0] !== undefined) return listed[0];
    }
    const found = (await runSearch(searchText(uri), 100)).distributionGroups.find((g) => sameUri(g.group.uri, uri));
    if (found === undefined) throw new ContactListError('notFound', 'That distribution group is not in the directory.');
    return found;
  };
  /** A contact's own href: from the contact list, else from the directory. */
  const contactHref = async (uri: string): Promise<string> => {
    const listHref = session().people['myContacts'];
    if (listHref !== undefined) {
      const r = await get(listHref);
      const listed = parseContacts(r.body, r.url).find((c) => sameUri(c.contact.uri, uri))?.self;
      if (listed !== undefined) return listed;
    }
    const found = (await runSearch(searchText(uri), 100)).contacts.find((c) => sameUri(c.contact.uri, uri))?.self;
    if (found === undefined) throw new ContactListError('notFound', 'That contact is not in the directory.');
    return found;
  };
  // Photo links of the listed contacts, read once per contact-list href (it changes with the application).
  const listedPhotos = new Map<string, Promise<ReadonlyMap<string, string>>>();
  const photoLinksOfList = (): Promise<ReadonlyMap<string, string>> => {
    const href = session().people['myContacts'];
    if (href === undefined) return Promise.resolve(new Map());
    let known = listedPhotos.get(href);
    if (known === undefined) {
      known = get(href).then((r) => {
        const found = new Map<string, string>();
        const raw = embedded(requireObject(r.body, 'contact list'), 'contact');
        for (const item of Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) {
          const contact = stringProp(item, 'uri');
          const photo = parseContactParts(item, r.url).contactPhoto;
          if (contact !== undefined && photo !== undefined) found.set(contact.trim().toLowerCase(), photo);
        }
        return found;
      });
      known.catch(() => listedPhotos.delete(href));
      listedPhotos.clear();
      listedPhotos.set(href, known);
    }
    return known;
  };

  /** A part of the contact card; one the server cannot answer is left out, not a failure. */
  const part = async (href: string | undefined): Promise<unknown> => {
    if (href === undefined) return undefined;
    try {
      return (await get(href)).body;
    } catch {
      return undefined;
    }
  };

  return {
    capabilities: guard(async () => (await offer()).capabilities),

    search: guard(async (query: string, limit: number) => (await runSearch(query, limit)).result),

    expandDistributionGroup: guard(async (uri: string) => {
      const group = await distributionGroup(uri);
      if (group.expand === undefined) throw new ContactListError('unavailable', 'Your server does not show the members of this group.');
      const r = await get(group.expand);
      return parseExpandedGroup(r.body, r.url);
    }),

    contactCard: guard(async (uri: string) => {
      const r = await get(await contactHref(uri));
      const parts = parseContactParts(r.body, r.url);
      const [note, location, modalities] = await Promise.all([part(parts.contactNote), part(parts.contactLocation), part(parts.contactSupportedModalities)]);
      const card = buildContactCard(r.body, r.url, { note, location, modalities });
      if (card === undefined) throw new ContactListError('failed', 'The server sent a contact without an address.');
      return card;
    }),

    contactPhotoHref: guard(async (uri: string) => {
      const listed = (await photoLinksOfList()).get(uri.trim().toLowerCase());
      if (listed !== undefined) return listed;
      const r = await get(await contactHref(uri));
      return parseContactParts(r.body, r.url).contactPhoto;
    }),

    contactPhoto: guard(async (href: string, ifNoneMatch?: string): Promise<PhotoAnswer> => {
      try {
        const r = await send({
          method: 'GET',
          href,
          accept: 'image/*',
          binary: { maxBytes: MAX_PHOTO_BYTES },
          ...(ifNoneMatch !== undefined ? { headers: { 'If-None-Match': ifNoneMatch } } : {}),
        });
        if (r.status === 304) return { kind: 'notModified' };
        const etag = r.headers['etag'];
        return { kind: 'image', bytes: r.bytes ?? new Uint8Array(0), ...(etag !== undefined ? { etag } : {}) };
      } catch (error) {
        // No photo, or one we will not read (too large): initials, not an error. Outages still reject.
        if (error instanceof UcwaError && (error.kind === 'malformed' || (error.kind === 'http' && [403, 404, 410].includes(error.status ?? 0)))) {
          return { kind: 'none' };
        }
        throw error;
      }
    }),

    addContact: guard(async (uri: string, groupId?: string) => {
      const { myGroupMemberships } = await management();
      await send({ method: 'POST', href: myGroupMemberships, json: groupId === undefined ? { contactUri: uri } : { contactUri: uri, groupId } });
    }),

    removeContactFromGroup: guard(async (uri: string, groupId: string) => {
      const linksOf = await management();
      const group = await groupById(linksOf.myGroups, groupId);
      if (group.groupContacts === undefined) throw new ContactListError('notFound', 'That contact is not in the group.');
      const members = await get(group.groupContacts);
      const contact = parseContacts(members.body, members.url).find((c) => sameUri(c.contact.uri, uri));
      if (contact?.self === undefined) throw new ContactListError('notFound', 'That contact is not in the group.');
      const r = await get(linksOf.myGroupMemberships);
      const membership = parseMemberships(r.body, r.url).memberships.find((m) => sameHref(m.contact, contact.self) && sameHref(m.group, group.self));
      if (membership === undefined) throw new ContactListError('notFound', 'That contact is not in the group.');
      await send({ method: 'DELETE', href: membership.self });
    }),

    removeContactFromAllGroups: guard(async (uri: string) => {
      const { myGroupMemberships } = await management();
      const r = await get(myGroupMemberships);
      const href = parseMemberships(r.body, r.url).removeContactFromAllGroups;
      if (href === undefined) throw new ContactListError('unavailable', 'Your server does not allow removing a contact from every group at once.');
      await send({ method: 'POST', href, json: { contactUri: uri } });
    }),

    createGroup: guard(async (name: string) => {
      const { myGroups: href } = await management();
      if (name.trim() === '') throw new ContactListError('invalid', 'A group needs a name.');
      await send({ method: 'POST', href, json: { name: name.trim() } });
    }),

    renameGroup: guard(async (groupId: string, name: string) => {
      const linksOf = await management();
      if (name.trim() === '') throw new ContactListError('invalid', 'A group needs a name.');
      const group = await groupById(linksOf.myGroups, groupId);
      const self = group.self as string;
      const current = await get(self);
      const etag = current.headers['etag'];
      // group2 renames only with the ETag of what we read, so a rename never overwrites another.
      await send({ method: 'PUT', href: self, json: { name: name.trim() }, ...(etag !== undefined ? { headers: { 'If-Match': etag } } : {}) });
    }),

    deleteGroup: guard(async (groupId: string) => {
      const linksOf = await management();
      const group = await groupById(linksOf.myGroups, groupId);
      await send({ method: 'DELETE', href: group.self as string });
    }),

    addDistributionGroup: guard(async (uri: string) => {
      await management();
      const group = await distributionGroup(uri);
      if (group.group.groupId !== undefined) throw new ContactListError('alreadyExists', 'That distribution group is already on the contact list.');
      if (group.addToContactList === undefined) throw new ContactListError('unavailable', 'Your server does not allow adding this distribution group.');
      await send({ method: 'POST', href: group.addToContactList });
    }),

    removeDistributionGroup: guard(async (groupId: string) => {
      const linksOf = await management();
      const r = await get(linksOf.myGroups);
      const raw = embedded(requireObject(r.body, 'group list'), 'distributionGroup');
      const item = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).find((g) => parseMyGroupsId(g) === groupId);
      const href = links(item, r.url)['removeFromContactList'];
      if (item === undefined) throw new ContactListError('notFound', 'That distribution group is no longer on the contact list.');
      if (href === undefined) throw new ContactListError('unavailable', 'Your server does not allow removing this distribution group.');
      await send({ method: 'POST', href });
    }),
  };
}

function parseMyGroupsId(item: unknown): string | undefined {
  return parseDistributionGroup(item, 'https://x.invalid/')?.group.groupId;
}
