import type { ContactResource, GroupResource } from './people-resources';

/**
 * Per-application lookups from hrefs to identities, fed by every parsed resource. Events name
 * resources only by href (§5.2); a deleted resource can no longer be read, so we must remember
 * which group or contact an href was.
 */
export class PeopleIndex {
  private readonly groups = new Map<string, GroupResource>();
  private readonly contactUris = new Map<string, string>();
  private readonly statusUris = new Map<string, string>();
  private readonly presenceHrefs = new Map<string, string>();

  addGroup(resource: GroupResource, ...hrefs: readonly (string | undefined)[]): void {
    for (const href of [resource.self, ...hrefs]) if (href !== undefined) this.groups.set(normalize(href), resource);
  }

  group(href: string | undefined): GroupResource | undefined {
    return href === undefined ? undefined : this.groups.get(normalize(href));
  }

  addContact(resource: ContactResource, ...hrefs: readonly (string | undefined)[]): void {
    for (const href of [resource.self, ...hrefs]) if (href !== undefined) this.contactUris.set(normalize(href), resource.contact.uri);
    if (resource.contactPresence !== undefined) this.presenceHrefs.set(resource.contact.uri.toLowerCase(), resource.contactPresence);
    for (const href of [resource.contactPresence, resource.contactNote]) {
      if (href !== undefined) this.statusUris.set(normalize(href), resource.contact.uri);
    }
  }

  contactUri(href: string | undefined): string | undefined {
    return href === undefined ? undefined : this.contactUris.get(normalize(href));
  }

  /** The contact a contactPresence/contactNote href belongs to, or the contact its event was `in`. */
  statusUri(presenceHref: string, contactHref?: string): string | undefined {
    return this.statusUris.get(normalize(presenceHref)) ?? this.contactUri(contactHref);
  }

  /** A contact's contactPresence href, by its URI (compared case-insensitively). */
  presenceHref(uri: string): string | undefined {
    return this.presenceHrefs.get(uri.toLowerCase());
  }

  clear(): void {
    this.groups.clear();
    this.contactUris.clear();
    this.statusUris.clear();
    this.presenceHrefs.clear();
  }
}

/** Servers differ in case and percent-encoding of the same href; compare a canonical form. */
function normalize(href: string): string {
  try {
    return decodeURIComponent(new URL(href).toString()).toLowerCase();
  } catch {
    return href.toLowerCase();
  }
}
