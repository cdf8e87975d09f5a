import { personKey, type DistributionList, type Group, type Person } from './directory';
import type { EventPriority } from './event-batch';
import type { Application } from './application';
import { groupRel } from './resources';
import type { RaisedEvent, SimCore } from './sim-core';

/**
 * Changes to a user's contact list (driven by the control API or the UCWA 2.0 management
 * resources alike) and the §6.6 events they raise on the user's applications that hold a
 * Connected contacts-and-groups subscription.
 */
export class ContactList {
  constructor(private readonly core: SimCore) {}

  addGroup(user: string, name: string): Group {
    const group = this.core.directory.addGroup(user, name, 'personal');
    this.core.raiseContactList(user, (app) => [groupEvent(app, group, 'added', 'high')]);
    return group;
  }

  renameGroup(user: string, group: Group, name: string): void {
    group.name = name;
    group.version += 1;
    this.core.raiseContactList(user, (app) => [{ sender: 'people', link: { rel: groupRel(group), href: app.hrefs.group(group.id) }, type: 'updated', priority: 'high' }]);
  }

  removeGroup(user: string, group: Group): void {
    const before = this.core.directory.contactsOf(user);
    this.core.directory.removeGroup(user, group.id);
    const after = this.core.directory.contactsOf(user);
    const priority: EventPriority = group.kind === 'pinned' || group.kind === 'default' ? 'low' : 'high';
    this.core.raiseContactList(user, (app) => [
      groupEvent(app, group, 'deleted', priority),
      ...before.filter((k) => !after.includes(k)).map((k) => myContactsEvent(app, this.core.directory.people.get(k)!, 'deleted')),
    ]);
  }

  addContact(user: string, group: Group, uri: string, name?: string): Person {
    const person = this.core.directory.ensurePerson(uri, name);
    const key = personKey(person.uri);
    if (group.contacts.includes(key)) return person;
    const wasListed = this.core.directory.contactsOf(user).includes(key);
    group.contacts.push(key);
    group.version += 1;
    this.core.raiseContactList(user, (app) => [
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
    group.version += 1;
    const stillListed = this.core.directory.contactsOf(user).includes(key);
    const person = this.core.directory.people.get(key)!;
    this.core.raiseContactList(user, (app) => [
      { sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: groupRel(group), href: app.hrefs.group(group.id) }, type: 'deleted', priority: 'high' },
      ...(stillListed ? [] : [myContactsEvent(app, person, 'deleted')]),
    ]);
    return true;
  }

  /** Removes a contact from every group that holds it (removeContactFromAllGroups); false when none did. */
  removeContactEverywhere(user: string, uri: string): boolean {
    const key = personKey(uri);
    const holding = this.core.directory.groupsOf(user).filter((g) => g.kind !== 'distribution' && g.contacts.includes(key));
    for (const group of holding) this.removeContact(user, group, key);
    return holding.length > 0;
  }

  /** Puts an organisation DL on the user's list (addToContactList): distributionGroup added. */
  addDistributionGroup(user: string, list: DistributionList): Group {
    const before = this.core.directory.contactsOf(user);
    const group = this.core.directory.addGroup(user, list.name, 'distribution', list.uri);
    group.contacts.push(...list.members);
    const fresh = list.members.filter((k) => !before.includes(k));
    this.core.raiseContactList(user, (app) => [
      groupEvent(app, group, 'added', 'high'),
      ...fresh.map((k) => myContactsEvent(app, this.core.directory.people.get(k)!, 'added')),
    ]);
    return group;
  }
}

function groupEvent(app: Application, group: Group, type: 'added' | 'deleted', priority: EventPriority): RaisedEvent {
  return { sender: 'people', link: { rel: groupRel(group), href: app.hrefs.group(group.id) }, in: { rel: 'myGroups', href: app.hrefs.myGroups }, type, priority };
}

function myContactsEvent(app: Application, person: Person, type: 'added' | 'deleted'): RaisedEvent {
  return { sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: 'myContacts', href: app.hrefs.myContacts }, type, priority: 'high' };
}
