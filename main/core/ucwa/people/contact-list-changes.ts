import { links } from '../hal';
import { ContactListError } from './contact-list-error';
import { parseMemberships, sameHref } from './contact-list-management';
import type { DirectoryContext } from './directory-context';
import { distributionGroup, groupById } from './directory-lookups';
import { distributionGroupId, distributionGroupItems, sameUri } from './directory-lookups-parse';
import { parseContacts } from './people-resources';

// Changes are sent and nothing else: the contact list learns of them from its subscription.

/** Adds a contact to a group, or to the server's default group without `groupId`. */
export async function addContact(ctx: DirectoryContext, uri: string, groupId?: string): Promise<void> {
  const { myGroupMemberships } = await ctx.management();
  await ctx.send({ method: 'POST', href: myGroupMemberships, json: groupId === undefined ? { contactUri: uri } : { contactUri: uri, groupId } });
}

/** Deletes the one membership that puts the contact in the group. */
export async function removeContactFromGroup(ctx: DirectoryContext, uri: string, groupId: string): Promise<void> {
  const linksOf = await ctx.management();
  const group = await groupById(ctx, linksOf.myGroups, groupId);
  if (group.groupContacts === undefined) throw new ContactListError('notFound', 'That contact is not in the group.');
  const members = await ctx.get(group.groupContacts);
  const contact = parseContacts(members.body, members.url).find((c) => sameUri(c.contact.uri, uri));
  if (contact?.self === undefined) throw new ContactListError('notFound', 'That contact is not in the group.');
  const r = await ctx.get(linksOf.myGroupMemberships);
  const membership = parseMemberships(r.body, r.url).memberships.find((m) => sameHref(m.contact, contact.self) && sameHref(m.group, group.self));
  if (membership === undefined) throw new ContactListError('notFound', 'That contact is not in the group.');
  await ctx.send({ method: 'DELETE', href: membership.self });
}

/** Removes a contact from every group through the server's one action for it. */
export async function removeContactFromAllGroups(ctx: DirectoryContext, uri: string): Promise<void> {
  const { myGroupMemberships } = await ctx.management();
  const r = await ctx.get(myGroupMemberships);
  const href = parseMemberships(r.body, r.url).removeContactFromAllGroups;
  if (href === undefined) throw new ContactListError('unavailable', 'Your server does not allow removing a contact from every group at once.');
  await ctx.send({ method: 'POST', href, json: { contactUri: uri } });
}

/** Creates a group with the trimmed name. */
export async function createGroup(ctx: DirectoryContext, name: string): Promise<void> {
  const { myGroups: href } = await ctx.management();
  if (name.trim() === '') throw new ContactListError('invalid', 'A group needs a name.');
  await ctx.send({ method: 'POST', href, json: { name: name.trim() } });
}

/** Renames a group, conditional on the ETag of the group as read. */
export async function renameGroup(ctx: DirectoryContext, groupId: string, name: string): Promise<void> {
  const linksOf = await ctx.management();
  if (name.trim() === '') throw new ContactListError('invalid', 'A group needs a name.');
  const group = await groupById(ctx, linksOf.myGroups, groupId);
  const self = group.self as string;
  const current = await ctx.get(self);
  const etag = current.headers['etag'];
  // group2 renames only with the ETag of what we read, so a rename never overwrites another.
  await ctx.send({ method: 'PUT', href: self, json: { name: name.trim() }, ...(etag !== undefined ? { headers: { 'If-Match': etag } } : {}) });
}

/** Deletes a group of the contact list. */
export async function deleteGroup(ctx: DirectoryContext, groupId: string): Promise<void> {
  const linksOf = await ctx.management();
  const group = await groupById(ctx, linksOf.myGroups, groupId);
  await ctx.send({ method: 'DELETE', href: group.self as string });
}

/** Adds a distribution group not yet on the contact list. */
export async function addDistributionGroup(ctx: DirectoryContext, uri: string): Promise<void> {
  await ctx.management();
  const group = await distributionGroup(ctx, uri);
  if (group.group.groupId !== undefined) throw new ContactListError('alreadyExists', 'That distribution group is already on the contact list.');
  if (group.addToContactList === undefined) throw new ContactListError('unavailable', 'Your server does not allow adding this distribution group.');
  await ctx.send({ method: 'POST', href: group.addToContactList });
}

/** Removes a listed distribution group through its own link. */
export async function removeDistributionGroup(ctx: DirectoryContext, groupId: string): Promise<void> {
  const linksOf = await ctx.management();
  const r = await ctx.get(linksOf.myGroups);
  const item = distributionGroupItems(r.body).find((g) => distributionGroupId(g) === groupId);
  const href = links(item, r.url)['removeFromContactList'];
  if (item === undefined) throw new ContactListError('notFound', 'That distribution group is no longer on the contact list.');
  if (href === undefined) throw new ContactListError('unavailable', 'Your server does not allow removing this distribution group.');
  await ctx.send({ method: 'POST', href });
}
