import { randomInt, randomUUID } from 'node:crypto';
import type { Application } from './application';
import { TokenStore } from './auth';
import { SimClock } from './clock';
import { DEFAULT_CONFIG, type SimConfig } from './config';
import { ContactList } from './contact-list';
import { Directory, personKey, type DirectoryFile, type Person, type ReadableAvailability, type SettableAvailability } from './directory';
import { applicationNotFound, UcwaError } from './errors';
import type { HalLink, QueuedEvent } from './event-batch';
import { EventChannel } from './event-channel';
import { appHrefs } from './hal';
import { aggregateAvailability, endpointAvailability, type EndpointState } from './presence-model';
import { Subscriptions } from './subscriptions';

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
  readonly subscriptions = new Subscriptions(this);
  readonly contactList = new ContactList(this);
  private readonly announced = new Map<string, ReadableAvailability>();

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
    // The EndpointId names one running application of the user: POSTing it again hands back that
    // application as it is (available or not). With multi-tab instanceIds, the instance decides.
    const same = mine.find(
      (a) => a.endpointId === fields.endpointId && a.instanceId === fields.instanceId && (fields.instanceId === undefined || a.userAgent === fields.userAgent),
    );
    if (same) return { app: same, created: false };
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
        onResume: () => this.subscriptions.drop(app),
      }),
      available: false,
      modalities: [],
      messageFormats: ['Plain'],
      phoneNumber: undefined,
      audioPreference: undefined,
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
    this.subscriptions.drop(app);
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

  /** Stops all timers and answers parked P-GETs with a dropped connection. */
  stop(): void {
    for (const app of this.apps.values()) app.channel.dropParked();
    this.clock.stop();
  }
}
