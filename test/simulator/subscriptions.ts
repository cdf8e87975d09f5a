import type { Application, PresenceSubscription } from './application';
import { personKey, type Person } from './directory';
import { contactsAndGroupsSubscriptionResource, presenceSubscriptionResource } from './resources';
import type { RaisedEvent, SimCore } from './sim-core';

/**
 * The subscriptions of an application: myContactsAndGroupsSubscription (seed 002, §6.5) and
 * presenceSubscriptions (§6.7), with their expiry warnings and the events they raise.
 */
export class Subscriptions {
  private nextSubId = 1;

  constructor(private readonly core: SimCore) {}
  // ── contacts-and-groups subscription (seed 002, §6.5) ───────────────────────

  startOrRefreshContactsSub(app: Application, minutes: number): void {
    const sub = app.contactsSub;
    const now = this.core.clock.now();
    const remaining = sub.state === 'Connected' ? Math.max(0, sub.expiresAt - now) : 0;
    const wanted = remaining + minutes * 60_000;
    // Refreshing adds to the remaining time, capped at 30 minutes (never below the request).
    const granted = remaining > 0 ? Math.min(wanted, Math.max(minutes * 60_000, 30 * 60_000)) : minutes * 60_000;
    this.clearContactsSub(app);
    sub.state = 'Connected';
    sub.expiresAt = now + granted;
    const warnAt = sub.expiresAt - this.core.config.contactsSubscriptionWarningSeconds * 1000;
    sub.warnTimer = this.core.clock.at(Math.max(now, warnAt), () => {
      sub.warnTimer = undefined;
      this.raiseContactsSubUpdated(app);
    });
    sub.expireTimer = this.core.clock.at(sub.expiresAt, () => {
      sub.expireTimer = undefined;
      this.clearContactsSub(app);
      this.raiseContactsSubUpdated(app);
    });
  }

  stopContactsSub(app: Application): void {
    this.clearContactsSub(app);
  }

  private raiseContactsSubUpdated(app: Application): void {
    this.core.raise(app, [
      {
        sender: 'people',
        link: { rel: 'myContactsAndGroupsSubscription', href: app.hrefs.myContactsAndGroupsSubscription },
        type: 'updated',
        priority: 'medium',
        embedded: { myContactsAndGroupsSubscription: contactsAndGroupsSubscriptionResource(app, this.core.clock.now()) },
      },
    ]);
  }

  private clearContactsSub(app: Application): void {
    const sub = app.contactsSub;
    this.core.clock.cancel(sub.warnTimer);
    this.core.clock.cancel(sub.expireTimer);
    sub.warnTimer = sub.expireTimer = undefined;
    sub.state = 'Disconnected';
    sub.expiresAt = 0;
  }


  createPresenceSub(app: Application, minutes: number, uris: readonly string[]): PresenceSubscription {
    const sub: PresenceSubscription = { id: `ps${this.nextSubId++}`, members: [], expiresAt: 0, warnTimer: undefined, expireTimer: undefined };
    app.presenceSubs.set(sub.id, sub);
    this.schedulePresenceSub(app, sub, minutes);
    this.core.raise(app, [{ sender: 'people', link: { rel: 'presenceSubscription', href: app.hrefs.presenceSubscription(sub.id) }, in: { rel: 'people', href: app.hrefs.people }, type: 'added', priority: 'medium' }]);
    this.addPresenceSubMembers(app, sub, uris);
    return sub;
  }

  addPresenceSubMembers(app: Application, sub: PresenceSubscription, uris: readonly string[]): void {
    const events: RaisedEvent[] = [];
    const fresh: Person[] = [];
    // Sets, not includes() per URI: thousands of members at once would make this quadratic.
    const members = new Set(sub.members);
    const subscribed = new Set([...app.presenceSubs.values()].flatMap((s) => s.members));
    for (const uri of uris) {
      const person = this.core.directory.ensurePerson(uri);
      const key = personKey(person.uri);
      if (members.has(key)) continue;
      const alreadySubscribed = subscribed.has(key);
      members.add(key);
      subscribed.add(key);
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
    this.core.raise(app, events);
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
      const person = this.core.directory.people.get(key);
      if (person) events.push({ sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: 'subscribedContacts', href: app.hrefs.subscribedContacts }, type: 'deleted', priority: 'medium' });
    }
    this.core.raise(app, events);
  }

  private schedulePresenceSub(app: Application, sub: PresenceSubscription, minutes: number): void {
    const now = this.core.clock.now();
    sub.expiresAt = now + minutes * 60_000;
    sub.warnTimer = this.core.clock.at(Math.max(now, sub.expiresAt - this.core.config.presenceSubscriptionWarningSeconds * 1000), () => {
      sub.warnTimer = undefined;
      this.core.raise(app, [
        {
          sender: 'people',
          link: { rel: 'presenceSubscription', href: app.hrefs.presenceSubscription(sub.id) },
          type: 'updated',
          priority: 'medium',
          embedded: { presenceSubscription: presenceSubscriptionResource(app, sub) },
        },
      ]);
    });
    sub.expireTimer = this.core.clock.at(sub.expiresAt, () => {
      sub.expireTimer = undefined;
      this.deletePresenceSub(app, sub);
    });
  }

  private clearPresenceSubTimers(sub: PresenceSubscription): void {
    this.core.clock.cancel(sub.warnTimer);
    this.core.clock.cancel(sub.expireTimer);
    sub.warnTimer = sub.expireTimer = undefined;
  }

  /** Drops every subscription of `app` (resume, termination). */
  drop(app: Application): void {
    for (const sub of app.presenceSubs.values()) this.clearPresenceSubTimers(sub);
    app.presenceSubs.clear();
    this.clearContactsSub(app);
  }
}
