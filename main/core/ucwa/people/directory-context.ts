import { firstValueFrom } from 'rxjs';
import type { ResourceClient, ResourceRequest, ResourceResponse } from '../resource-client';
import { ContactListError, toContactListError } from './contact-list-error';
import { parsePeopleOffer, type ManagementLinks, type PeopleOffer } from './contact-list-management';
import { parseContactPhotoLinks } from './directory-lookups-parse';

/** What the directory needs from the live session: the client and the application's people links. */
export interface DirectoryAccess {
  readonly client: ResourceClient;
  readonly people: Readonly<Record<string, string>>;
}

/** The live session as the directory's operations see it, with what is read once per application. */
export interface DirectoryContext {
  /** The current session; rejects with `notSignedIn` when there is none. */
  session(): DirectoryAccess;
  send(request: ResourceRequest): Promise<ResourceResponse>;
  get(href: string): Promise<ResourceResponse>;
  /** The people resource: capabilities, search and management links. */
  offer(): Promise<PeopleOffer>;
  /** The management links; rejects with `unavailable` when the server offers none. */
  management(): Promise<ManagementLinks>;
  /** Photo links of the listed contacts, by lower-cased address. */
  listedPhotos(): Promise<ReadonlyMap<string, string>>;
}

/**
 * One value per href, kept for the latest href only (an href changes with the application);
 * a failed load is forgotten so the next call reads again.
 */
export function latestPerHref<T>(load: (href: string) => Promise<T>): (href: string) => Promise<T> {
  const known = new Map<string, Promise<T>>();
  return (href) => {
    let value = known.get(href);
    if (value === undefined) {
      value = load(href);
      value.catch(() => known.delete(href));
      known.clear();
      known.set(href, value);
    }
    return value;
  };
}

/** The directory's view of the session `access` gives, with its per-application caches. */
export function createDirectoryContext(access: () => DirectoryAccess | undefined): DirectoryContext {
  const session = (): DirectoryAccess => {
    const current = access();
    if (current === undefined) throw new ContactListError('notSignedIn', 'Sign in first.');
    return current;
  };
  const send = (request: ResourceRequest): Promise<ResourceResponse> => firstValueFrom(session().client.request(request));
  const get = (href: string): Promise<ResourceResponse> => send({ method: 'GET', href });
  const offerOf = latestPerHref((self) => get(self).then((r) => parsePeopleOffer(r.body, r.url)));
  const photosOf = latestPerHref((href) => get(href).then((r) => parseContactPhotoLinks(r.body, r.url)));

  const offer = (): Promise<PeopleOffer> => {
    const self = session().people['self'];
    if (self === undefined) throw new ContactListError('unavailable', 'Your server does not offer a contact list.');
    return offerOf(self);
  };
  const management = async (): Promise<ManagementLinks> => {
    const found = await offer();
    if (found.management === undefined) throw new ContactListError('unavailable', (found.capabilities.contactListManagement as { reason: string }).reason);
    return found.management;
  };
  const listedPhotos = (): Promise<ReadonlyMap<string, string>> => {
    const href = session().people['myContacts'];
    return href === undefined ? Promise.resolve(new Map()) : photosOf(href);
  };
  return { session, send, get, offer, management, listedPhotos };
}

/** An operation whose every failure rejects with a `ContactListError`. */
export const guard =
  <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
  async (...args: A): Promise<R> => {
    try {
      return await operation(...args);
    } catch (error) {
      throw toContactListError(error);
    }
  };
