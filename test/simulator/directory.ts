/**
 * The simulated organisation: people (some of whom can sign in), each signed-in user's contact
 * groups, and what the user's *other* endpoints publish. Mutations here do not raise events;
 * the simulator core wraps them and notifies applications.
 */

/** Availability values a server reports (ucwa-protocol.md §11). */
export const READABLE = ['Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork', 'IdleOnline', 'IdleBusy', 'Offline'] as const;
export type ReadableAvailability = (typeof READABLE)[number];
/** The six PreferredAvailability values a client may publish. */
export const SETTABLE = ['Online', 'Busy', 'DoNotDisturb', 'BeRightBack', 'Away', 'Offwork'] as const;
export type SettableAvailability = (typeof SETTABLE)[number];

export const isReadable = (v: unknown): v is ReadableAvailability => typeof v === 'string' && (READABLE as readonly string[]).includes(v);
export const isSettable = (v: unknown): v is SettableAvailability => typeof v === 'string' && (SETTABLE as readonly string[]).includes(v);

export type GroupKind = 'pinned' | 'default' | 'personal' | 'distribution';

/** `--users <file.json>` format. */
export interface DirectoryFile {
  users: DirectoryUser[];
  /** Distribution groups of the organisation (searchable, addable to a contact list). */
  distributionGroups?: DirectoryDistributionGroup[];
}

export interface DirectoryDistributionGroup {
  /** The DL's SIP/mail address. */
  uri: string;
  name: string;
  /** SIP addresses of the members. */
  members: string[];
}

export interface DirectoryUser {
  /** `sip:alias@domain` (the `sip:` prefix is optional). */
  uri: string;
  name: string;
  /** Users with a password can sign in; the others exist only as contacts. */
  password?: string;
  title?: string;
  department?: string;
  company?: string;
  /** Mail address; the SIP address without `sip:` when absent. */
  email?: string;
  /** Office location, e.g. "Building 4, 2/117". */
  office?: string;
  /** `tel:` URIs, as the address book publishes them. */
  workPhoneNumber?: string;
  mobilePhoneNumber?: string;
  /** True when the address book holds a photo (served as a generated PNG). */
  photo?: boolean;
  /** What the person's other endpoints publish; absent = Offline. */
  availability?: ReadableAvailability;
  activity?: string;
  note?: string;
  location?: string;
  deviceType?: 'PC' | 'Mobile' | 'Web' | 'DeskPhone' | 'Unknown';
  /** Contact list; a default "Other Contacts" group is added when none is given. */
  groups?: DirectoryGroup[];
}

export interface DirectoryGroup {
  name: string;
  kind: GroupKind;
  /** Distribution groups only: the DL's SIP/mail address. */
  uri?: string;
  /** SIP addresses (of people in `users`, or unknown ones who then appear Offline). */
  contacts: (string | { uri: string; name?: string })[];
}

export interface Person {
  /** As published (original case), always with `sip:`. */
  readonly uri: string;
  name: string;
  password: string | undefined;
  title: string | undefined;
  department: string | undefined;
  company: string | undefined;
  email: string | undefined;
  office: string | undefined;
  workPhoneNumber: string | undefined;
  mobilePhoneNumber: string | undefined;
  hasPhoto: boolean;
  /** Listed in the address book (search finds them); false for addresses only seen on a contact list. */
  readonly inAddressBook: boolean;
  /** Other endpoints' state; null = none signed in. */
  otherAvailability: ReadableAvailability | null;
  otherChangedAt: number;
  activity: string | undefined;
  note: string;
  location: string;
  deviceType: string;
}

export interface Group {
  readonly id: string;
  name: string;
  readonly kind: GroupKind;
  readonly uri: string | undefined;
  /** Person keys, in insertion order. */
  readonly contacts: string[];
  /** Bumped on every change; the group's ETag. */
  version: number;
}

/** `sip:Dana@Contoso.com`, `dana@contoso.com` → `sip:dana@contoso.com` (lookup key). */
export function personKey(uri: string): string {
  const trimmed = uri.trim().toLowerCase();
  return trimmed.startsWith('sip:') ? trimmed : `sip:${trimmed}`;
}

/** The id used for a contact in hrefs: the lower-cased SIP address without `sip:`. */
export function contactId(uri: string): string {
  return personKey(uri).slice(4);
}

/** A distribution group of the organisation (not of one user's list). */
export interface DistributionList {
  readonly uri: string;
  readonly name: string;
  /** Person keys. */
  readonly members: string[];
}

export class Directory {
  readonly people = new Map<string, Person>();
  /** DL key (`sip:` address, lower case) → the organisation's distribution groups. */
  readonly distributionLists = new Map<string, DistributionList>();
  /** user key → groups in display order. */
  readonly groups = new Map<string, Group[]>();
  private nextGroupId = 1;

  constructor(file: DirectoryFile) {
    for (const user of file.users) this.ensurePerson(user.uri, user.name, user);
    for (const dl of file.distributionGroups ?? []) this.registerList(dl.uri, dl.name, dl.members);
    for (const user of file.users) {
      const key = personKey(user.uri);
      const groups: Group[] = [];
      for (const spec of user.groups ?? []) {
        const group = this.newGroup(spec.name, spec.kind, spec.uri);
        for (const c of spec.contacts) {
          const cUri = typeof c === 'string' ? c : c.uri;
          const person = this.ensurePerson(cUri, typeof c === 'string' ? undefined : c.name);
          const cKey = personKey(person.uri);
          if (!group.contacts.includes(cKey)) group.contacts.push(cKey);
        }
        if (spec.kind === 'distribution' && spec.uri !== undefined) {
          const list = this.registerList(spec.uri, spec.name, group.contacts);
          if (group.contacts.length === 0) group.contacts.push(...list.members);
        }
        groups.push(group);
      }
      if (user.password !== undefined && !groups.some((g) => g.kind === 'default')) {
        groups.push(this.newGroup('Other Contacts', 'default', undefined));
      }
      this.groups.set(key, groups);
    }
  }

  /** Registers a DL once; the first definition wins. */
  private registerList(uri: string, name: string, members: readonly string[]): DistributionList {
    const key = personKey(uri);
    const existing = this.distributionLists.get(key);
    if (existing) return existing;
    const list: DistributionList = { uri: key, name, members: members.map((m) => personKey(this.ensurePerson(m).uri)) };
    this.distributionLists.set(key, list);
    return list;
  }

  distributionList(uri: string): DistributionList | undefined {
    return this.distributionLists.get(personKey(uri));
  }

  person(uri: string): Person | undefined {
    return this.people.get(personKey(uri));
  }

  /** Finds or creates a person (unknown contacts exist, Offline, named after their address). */
  ensurePerson(uri: string, name?: string, spec?: DirectoryUser): Person {
    const key = personKey(uri);
    const existing = this.people.get(key);
    if (existing) return existing;
    const person: Person = {
      uri: uri.trim().toLowerCase().startsWith('sip:') ? uri.trim() : `sip:${uri.trim()}`,
      name: name ?? spec?.name ?? key.slice(4).split('@')[0] ?? key,
      password: spec?.password,
      title: spec?.title,
      department: spec?.department,
      company: spec?.company,
      email: spec?.email,
      office: spec?.office,
      workPhoneNumber: spec?.workPhoneNumber,
      mobilePhoneNumber: spec?.mobilePhoneNumber,
      hasPhoto: spec?.photo === true,
      inAddressBook: spec !== undefined,
      otherAvailability: spec?.availability && spec.availability !== 'Offline' ? spec.availability : null,
      otherChangedAt: 0,
      activity: spec?.activity,
      note: spec?.note ?? '',
      location: spec?.location ?? '',
      deviceType: spec?.deviceType ?? 'PC',
    };
    this.people.set(key, person);
    return person;
  }

  /** Checks sign-in credentials; the username may carry `sip:` and any case. */
  authenticate(username: string, password: string): Person | undefined {
    const person = this.person(username);
    return person && person.password !== undefined && person.password === password ? person : undefined;
  }

  groupsOf(userUri: string): Group[] {
    const key = personKey(userUri);
    let list = this.groups.get(key);
    if (!list) {
      list = [this.newGroup('Other Contacts', 'default', undefined)];
      this.groups.set(key, list);
    }
    return list;
  }

  group(userUri: string, id: string): Group | undefined {
    return this.groupsOf(userUri).find((g) => g.id === id);
  }

  /** Every person on the user's contact list (union of groups, first-seen order). */
  contactsOf(userUri: string): string[] {
    // A Set, not includes(): thousands of contacts would make this quadratic.
    const seen = new Set<string>();
    for (const g of this.groupsOf(userUri)) for (const c of g.contacts) seen.add(c);
    return [...seen];
  }

  addGroup(userUri: string, name: string, kind: GroupKind = 'personal', uri?: string): Group {
    const group = this.newGroup(name, kind, uri);
    this.groupsOf(userUri).push(group);
    return group;
  }

  removeGroup(userUri: string, id: string): Group | undefined {
    const list = this.groupsOf(userUri);
    const index = list.findIndex((g) => g.id === id);
    if (index < 0) return undefined;
    return list.splice(index, 1)[0];
  }

  private newGroup(name: string, kind: GroupKind, uri: string | undefined): Group {
    return { id: String(this.nextGroupId++), name, kind, uri, contacts: [], version: 1 };
  }
}
