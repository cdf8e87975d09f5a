import { personKey, type Group, type Person } from './directory';
import type { EventPriority } from './event-batch';
import type { Application } from './application';
import { groupRel } from './resources';
import type { RaisedEvent, SimCore } from './sim-core';

/**
 * Changes to a user's contact list (driven by the control API) and the §6.6 events they raise on
 * the user's applications that hold a Connected contacts-and-groups subscription.
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
    const stillListed = this.core.directory.contactsOf(user).includes(key);
    const person = this.core.directory.people.get(key)!;
    this.core.raiseContactList(user, (app) => [
      { sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: groupRel(group), href: app.hrefs.group(group.id) }, type: 'deleted', priority: 'high' },
      ...(stillListed ? [] : [myContactsEvent(app, person, 'deleted')]),
    ]);
    return true;
  }
}

function groupEvent(app: Application, group: Group, type: 'added' | 'deleted', priority: EventPriority): RaisedEvent {
  return { sender: 'people', link: { rel: groupRel(group), href: app.hrefs.group(group.id) }, in: { rel: 'myGroups', href: app.hrefs.myGroups }, type, priority };
}

function myContactsEvent(app: Application, person: Person, type: 'added' | 'deleted'): RaisedEvent {
  return { sender: 'people', link: { rel: 'contact', href: app.hrefs.contact(person.uri) }, in: { rel: 'myContacts', href: app.hrefs.myContacts }, type, priority: 'high' };
}
