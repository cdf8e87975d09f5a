import { randomInt, randomUUID } from 'node:crypto';
import type { Application, PresenceSubscription } from './application';
import { TokenStore } from './auth';
import { SimClock } from './clock';
import { DEFAULT_CONFIG, type SimConfig } from './config';
import { Directory, personKey, type DirectoryFile, type Group, type Person, type ReadableAvailability, type SettableAvailability } from './directory';
import { applicationNotFound, UcwaError } from './errors';
import type { EventPriority, HalLink, QueuedEvent } from './event-batch';
import { EventChannel } from './event-channel';
import { appHrefs } from './hal';
import { aggregateAvailability, endpointAvailability, type EndpointState } from './presence-model';
import { contactsAndGroupsSubscriptionResource, groupRel, presenceSubscriptionResource } from './resources';

/** An event without its queue time: raised now. */
export type RaisedEvent = Omit<QueuedEvent, 'queuedAt' | 'sender'> & { readonly sender: 'me' | 'people' | 'communication' };

/**
 * The simulator's state and the rules that tie it together: applications, presence
 * aggregation, idle transitions, subscriptions and the events each change raises.
 */
export class SimCore {
  config: SimConfig;
  readonly clock = new SimClock();
  readonly directory: Directory;
  readonly tokens: TokenStore;
  readonly apps = new Map<string, Application>();
  /** Terminated application ids → the error their URLs now answer with. */
  readonly gone = new Map<string, UcwaError>();
  private readonly announced = new Map<string, ReadableAvailability>();
  private nextSubId = 1;

  constructor(config: Partial<SimConfig> | undefined, users: DirectoryFile) {
    this.config = { ...DEFAULT_CONFIG, ...config };
    this.directory = new Directory(users);
    this.tokens = new TokenStore(this.clock);
    for (const key of this.directory.people.keys()) this.announced.set(key, this.availabilityOf(key));
  }

  // ── applications ────────────────────────────────────────────────────────────

  createApplication(user: string, fields: { userAgent: string; endpointId: string; culture: string; instanceId: string | undefined }): { app: Application; created: boolean } {
    const key = personKey(user);
    const mine = [...this.apps.values()].filter((a) => a.user === key);
    if (fields.instanceId !== undefined) {
      const same = mine.find((a) => a.endpointId === fields.endpointId && a.instanceId === fields.instanceId && a.userAgent === fields.userAgent);
      if (same) return { app: same, created: false };
    }
    if (mine.length >= this.config.maxApplicationsPerUser) {
      throw new UcwaError(410, 'TooManyApplications', 'The user has too many applications.');
    }
    let id: string;
    do id = String(randomInt(10_000_000_000, 999_999_999_999));
    while (this.apps.has(id) || this.gone.has(id));
    const hrefs = appHrefs(id);
    const app: Application = {
      id,
      user: key,
      ...fields,
      hrefs,
      communicationId: randomUUID(),
      channel: new EventChannel({
        clock: this.clock,
        config: () => this.config,
        path: hrefs.events,
        onEnded: () => this.startReapCountdown(app),
        onRequest: () => {
          this.clock.cancel(app.reapTimer);
          app.reapTimer = undefined;
        },
        onResume: () => this.dropSubscriptions(app),
      }),
      available: false,
      modalities: [],
      published: null,
      publishedAt: 0,
      level: 'active',
      inactiveMs: this.config.inactiveTimeoutSeconds * 1000,
      idleTimer: undefined,
      awayTimer: undefined,
      reapTimer: undefined,
      expiryTimer: undefined,
      contactsSub: { state: 'Disconnected', expiresAt: 0, warnTimer: undefined, expireTimer: undefined },
      presenceSubs: new Map(),
    };
    this.apps.set(id, app);
    this.startReapCountdown(app);
    return { app, created: true };
  }

  /** The live application `id` owned by `user`, or the error its URL answers with. */
  application(id: string, user: string): Application {
    const app = this.apps.get(id);
    if (app && app.user === personKey(user)) return app;
    const gone = this.gone.get(id);
    if (gone) throw gone;
    throw applicationNotFound();
  }

  /** Ends an application: DELETE (sign-out) or server-side reaping. */
  terminate(app: Application, reason: 'deleted' | 'reaped' | 'inactive'): void {
    if (!this.apps.has(app.id)) return;
    this.apps.delete(app.id);
    const error =
      reason === 'inactive' || (reason === 'reaped' && this.config.reapedStatus === 410)
        ? new UcwaError(410, 'InactiveApplicationExpired', 'The application expired because of inactivity.')
        : applicationNotFound();
    this.gone.set(app.id, error);
    for (const t of [app.idleTimer, app.awayTimer, app.reapTimer, app.expiryTimer]) this.clock.cancel(t);
    this.clearContactsSub(app);
    for (const sub of app.presenceSubs.values()) this.clearPresenceSubTimers(sub);
    app.presenceSubs.clear();
    app.channel.close(error);
    this.presenceChanged(app.user);
  }

  private startReapCountdown(app: Application): void {
    this.clock.cancel(app.reapTimer);
    app.reapTimer = this.clock.after(this.config.appReapSeconds * 1000, () => this.terminate(app, 'reaped'));
  }

  // ── events ───────────────────────────────────────────────────────────────────

  raise(app: Application, events: readonly RaisedEvent[]): void {
    const now = this.clock.now();
    const senders: Record<RaisedEvent['sender'], HalLink> = {
      me: { rel: 'me', href: app.hrefs.me },
      people: { rel: 'people', href: app.hrefs.people },
      communication: { rel: 'communication', href: app.hrefs.communication },
    };
    app.channel.enqueue(events.map((e) => ({ ...e, sender: senders[e.sender], queuedAt: now })));
  }

  appsOf(user: string): Application[] {
    const key = personKey(user);
    return [...this.apps.values()].filter((a) => a.user === key);
  }

  /** Raises contact-list events on every application of `user` with a Connected subscription. */
  raiseContactList(user: string, build: (app: Application) => RaisedEvent[]): void {
    for (const app of this.appsOf(user)) if (app.contactsSub.state === 'Connected') this.raise(app, build(app));
  }

  // ── presence ─────────────────────────────────────────────────────────────────

  /** What `user` shows to others (and to its own `me/presence`). */
  availabilityOf(user: string): ReadableAvailability {
    const key = personKey(user);
    const endpoints: EndpointState[] = [];
    const person = this.directory.people.get(key);
    if (person?.otherAvailability) endpoints.push({ availability: person.otherAvailability, publishedAt: person.otherChangedAt });
    for (const app of this.appsOf(key)) {
      if (app.available) endpoints.push({ availability: endpointAvailability(app.published, app.level), publishedAt: app.publishedAt });
    }
    return aggregateAvailability(endpoints);
  }

  /** Last time the person was seen active, for contactPresence.lastActive. */
  lastActive(user: string): number {
    const person = this.directory.person(user);
    return person?.otherChangedAt ?? 0;
  }

  /**
   * Re-evaluates `user`'s presence and raises the events a real pool would: `presence` updated on
   * the user's own available applications (always on `confirm`), `contactPresence` updated on
   * every application subscribed to the user.
   */
  presenceChanged(user: string, confirm?: Application, except?: Application): void {
    const key = personKey(user);
    const now = this.availabilityOf(key);
    const changed = this.announced.get(key) !== now;
    this.announced.set(key, now);
    for (const app of this.appsOf(key)) {
      if (app.available && app !== except && (changed || app === confirm)) {
        this.raise(app, [{ sender: 'me', link: { rel: 'presence', href: app.hrefs.presence }, type: 'updated', priority: 'medium' }]);
      }
    }
    if (changed) this.raiseToSubscribers(key, 'contactPresence');
  }

  /** The user's note changed: `note` updated on own apps, `contactNote` updated on subscribers. */
  noteChanged(user: string, rel: 'note' | 'location' = 'note'): void {
    const key = personKey(user);
    for (const app of this.appsOf(key)) {
      if (app.available) this.raise(app, [{ sender: 'me', link: { rel, href: rel === 'note' ? app.hrefs.note : app.hrefs.location }, type: 'updated', priority: 'medium' }]);
    }
    this.raiseToSubscribers(key, rel === 'note' ? 'contactNote' : 'contactLocation');
  }

  private raiseToSubscribers(key: string, rel: 'contactPresence' | 'contactNote' | 'contactLocation'): void {
    const person = this.directory.people.get(key);
    if (!person) return;
    for (const app of this.apps.values()) {
      if (![...app.presenceSubs.values()].some((s) => s.members.includes(key))) continue;
      const href = rel === 'contactPresence' ? app.hrefs.contactPresence(person.uri) : rel === 'contactNote' ? app.hrefs.contactNote(person.uri) : app.hrefs.contactLocation(person.uri);
      this.raise(app, [{ sender: 'people', link: { rel, href }, in: { rel: 'contact', href: app.hrefs.contact(person.uri) }, type: 'updated', priority: 'medium' }]);
    }
  }

  /** makeMeAvailable or reportMyActivity: the endpoint is active again; idle timers restart. */
  markActive(app: Application): void {
    const wasIdle = app.level !== 'active';
    app.level = 'active';
    this.clock.cancel(app.idleTimer);
    this.clock.cancel(app.awayTimer);
    app.idleTimer = this.clock.after(app.inactiveMs, () => {
      app.idleTimer = undefined;
      app.level = 'inactive';
      this.presenceChanged(app.user);
    });
    app.awayTimer = this.clock.after(Math.max(app.inactiveMs, this.config.awayTimeoutSeconds * 1000), () => {
      app.awayTimer = undefined;
      app.level = 'away';
      this.presenceChanged(app.user);
    });
    this.clock.cancel(app.expiryTimer);
    app.expiryTimer = undefined;
    if (this.config.activityExpirySeconds > 0) {
      app.expiryTimer = this.clock.after(this.config.activityExpirySeconds * 1000, () => this.terminate(app, 'inactive'));
    }
    if (wasIdle) this.presenceChanged(app.user);
  }

  publish(app: Application, availability: SettableAvailability | null): void {
    app.published = availability;
    app.publishedAt = this.clock.now();
    this.presenceChanged(app.user, app);
  }

  /** Control API: what the user's other endpoints publish (null = they sign out). */
  setOtherEndpoint(person: Person, availability: ReadableAvailability | null): void {
    person.otherAvailability = availability === 'Offline' ? null : availability;
    person.otherChangedAt = this.clock.now();
    this.presenceChanged(person.uri);
  }

  // ── contacts-and-groups subscription (seed 002, §6.5) ───────────────────────

  startOrRefreshContactsSub(app: Application, minutes: number): void {
    const sub = app.contactsSub;
    const now = this.clock.now();
    const remaining = sub.state === 'Connected' ? Math.max(0, sub.expiresAt - now) : 0;
    const wanted = remaining + minutes * 60_000;
    // Refreshing adds to the remaining time, capped at 30 minutes (never below the request).
    const granted = remaining > 0 ? Math.min(wanted, Math.max(minutes * 60_000, 30 * 60_000)) : minutes * 60_000;
    this.clearContactsSub(app);
    sub.state = 'Connected';
    sub.expiresAt = now + granted;
    const warnAt = sub.expiresAt - this.config.contactsSubscriptionWarningSeconds * 1000;
    sub.warnTimer = this.clock.at(Math.max(now, warnAt), () => {
      sub.warnTimer = undefined;
      this.raiseContactsSubUpdated(app);
    });
    sub.expireTimer = this.clock.at(sub.expiresAt, () => {
      sub.expireTimer = undefined;
      this.clearContactsSub(app);
      this.raiseContactsSubUpdated(app);
    });
  }

  stopContactsSub(app: Application): void {
    this.clearContactsSub(app);
  }

  private raiseContactsSubUpdated(app: Application): void {
    this.raise(app, [
      {
        sender: 'people',
        link: { rel: 'myContactsAndGroupsSubscription', href: app.hrefs.myContactsAndGroupsSubscription },
        type: 'updated',
        priority: 'medium',
        embedded: { myContactsAndGroupsSubscription: contactsAndGroupsSubscriptionResource(app, this.clock.now()) },
      },
    ]);
  }

  private clearContactsSub(app: Application): void {
    const sub = app.contactsSub;
    this.clock.cancel(sub.warnTimer);
    this.clock.cancel(sub.expireTimer);
    sub.warnTimer = sub.expireTimer = undefined;
    sub.state = 'Disconnected';
    sub.expiresAt = 0;
  }

  // ── presence subscriptions (§6.7) ───────────────────────────────────────────

  createPresenceSub(app: Application, minutes: number, uris: readonly string[]): PresenceSubscription {
    const sub: PresenceSubscription = { id: `ps${this.nextSubId++}`, members: [], expiresAt: 0, warnTimer: undefined, expireTimer: undefined };
    app.presenceSubs.set(sub.id, sub);
    this.schedulePresenceSub(app, sub, minutes);
    this.raise(app, [{ sender: 'people', link: { rel: 'presenceSubscription', href: app.hrefs.presenceSubscription(sub.id) }, in: { rel: 'people', href: app.hrefs.people }, type: 'added', priority: 'medium' }]);
    this.addPresenceSubMembers(app, sub, uris);
    return sub;
  }

  addPresenceSubMembers(app: Application, sub: PresenceSubscription, uris: readonly string[]): void {
    const events: RaisedEvent[] = [];
    const fresh: Person[] = [];
    for (const uri of uris) {
      const person = this.directory.ensurePerson(uri);
      const key = personKey(person.uri);
      if (sub.members.includes(key)) continue;
      const alreadySubscribed = [...app.presenceSubs.values()].some((s) => s.members.includes(key));
      sub.members.push(key);
      fresh.push(person);
      if (!alreadySubscribed) {
        events.push({ sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: 'subscribedContacts', href: app.hrefs.subscribedContacts }, type: 'added', priority: 'medium' });
      }
    }
    // The initial state of each new member arrives as a contactPresence update.
    for (const person of fresh) {
      events.push({ sender: 'people', link: { rel: 'contactPresence', href: app.hrefs.contactPresence(person.uri) }, in: { rel: 'contact', href: app.hrefs.contact(person.uri) }, type: 'updated', priority: 'medium' });
    }
    this.raise(app, events);
  }

  extendPresenceSub(app: Application, sub: PresenceSubscription, minutes: number): void {
    this.clearPresenceSubTimers(sub);
    this.schedulePresenceSub(app, sub, minutes);
  }

  deletePresenceSub(app: Application, sub: PresenceSubscription): void {
    this.clearPresenceSubTimers(sub);
    app.presenceSubs.delete(sub.id);
    const events: RaisedEvent[] = [];
    for (const key of sub.members) {
      if ([...app.presenceSubs.values()].some((s) => s.members.includes(key))) continue;
      const person = this.directory.people.get(key);
      if (person) events.push({ sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: 'subscribedContacts', href: app.hrefs.subscribedContacts }, type: 'deleted', priority: 'medium' });
    }
    this.raise(app, events);
  }

  private schedulePresenceSub(app: Application, sub: PresenceSubscription, minutes: number): void {
    const now = this.clock.now();
    sub.expiresAt = now + minutes * 60_000;
    sub.warnTimer = this.clock.at(Math.max(now, sub.expiresAt - this.config.presenceSubscriptionWarningSeconds * 1000), () => {
      sub.warnTimer = undefined;
      this.raise(app, [
        {
          sender: 'people',
          link: { rel: 'presenceSubscription', href: app.hrefs.presenceSubscription(sub.id) },
          type: 'updated',
          priority: 'medium',
          embedded: { presenceSubscription: presenceSubscriptionResource(app, sub) },
        },
      ]);
    });
    sub.expireTimer = this.clock.at(sub.expiresAt, () => {
      sub.expireTimer = undefined;
      this.deletePresenceSub(app, sub);
    });
  }

  private clearPresenceSubTimers(sub: PresenceSubscription): void {
    this.clock.cancel(sub.warnTimer);
    this.clock.cancel(sub.expireTimer);
    sub.warnTimer = sub.expireTimer = undefined;
  }

  /** `resume`: the server reset this application's transient state. */
  dropSubscriptions(app: Application): void {
    for (const sub of app.presenceSubs.values()) this.clearPresenceSubTimers(sub);
    app.presenceSubs.clear();
    this.clearContactsSub(app);
  }

  // ── contact list changes (control API → §6.6 events) ─────────────────────────

  addGroup(user: string, name: string): Group {
    const group = this.directory.addGroup(user, name, 'personal');
    this.raiseContactList(user, (app) => [groupEvent(app, group, 'added', 'high')]);
    return group;
  }

  renameGroup(user: string, group: Group, name: string): void {
    group.name = name;
    this.raiseContactList(user, (app) => [{ sender: 'people', link: { rel: groupRel(group), href: app.hrefs.group(group.id) }, type: 'updated', priority: 'high' }]);
  }

  removeGroup(user: string, group: Group): void {
    const before = this.directory.contactsOf(user);
    this.directory.removeGroup(user, group.id);
    const after = this.directory.contactsOf(user);
    const priority: EventPriority = group.kind === 'pinned' || group.kind === 'default' ? 'low' : 'high';
    this.raiseContactList(user, (app) => [
      groupEvent(app, group, 'deleted', priority),
      ...before.filter((k) => !after.includes(k)).map((k) => myContactsEvent(app, this.directory.people.get(k)!, 'deleted')),
    ]);
  }

  addContact(user: string, group: Group, uri: string, name?: string): Person {
    const person = this.directory.ensurePerson(uri, name);
    const key = personKey(person.uri);
    if (group.contacts.includes(key)) return person;
    const wasListed = this.directory.contactsOf(user).includes(key);
    group.contacts.push(key);
    this.raiseContactList(user, (app) => [
      { sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: groupRel(group), href: app.hrefs.group(group.id) }, type: 'added', priority: 'high' },
      ...(wasListed ? [] : [myContactsEvent(app, person, 'added')]),
    ]);
    return person;
  }

  removeContact(user: string, group: Group, uri: string): boolean {
    const key = personKey(uri);
    const index = group.contacts.indexOf(key);
    if (index < 0) return false;
    group.contacts.splice(index, 1);
    const stillListed = this.directory.contactsOf(user).includes(key);
    const person = this.directory.people.get(key)!;
    this.raiseContactList(user, (app) => [
      { sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: groupRel(group), href: app.hrefs.group(group.id) }, type: 'deleted', priority: 'high' },
      ...(stillListed ? [] : [myContactsEvent(app, person, 'deleted')]),
    ]);
    return true;
  }

  /** Stops all timers and answers parked P-GETs with a dropped connection. */
  stop(): void {
    for (const app of this.apps.values()) app.channel.dropParked();
    this.clock.stop();
  }
}

function groupEvent(app: Application, group: Group, type: 'added' | 'deleted', priority: EventPriority): RaisedEvent {
  return { sender: 'people', link: { rel: groupRel(group), href: app.hrefs.group(group.id) }, in: { rel: 'myGroups', href: app.hrefs.myGroups }, type, priority };
}

function myContactsEvent(app: Application, person: Person, type: 'added' | 'deleted'): RaisedEvent {
  return { sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: 'myContacts', href: app.hrefs.myContacts }, type, priority: 'high' };
}
