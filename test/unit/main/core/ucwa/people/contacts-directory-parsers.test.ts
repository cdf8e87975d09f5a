import { describe, expect, it } from 'vitest';
import { buildContactCard, parseContactParts, parseLocation, parseModalities, parseNote } from '../../../../../../main/core/ucwa/people/contact-card';
import { ContactListError, isContactListError, MANAGEMENT_UNAVAILABLE, toContactListError } from '../../../../../../main/core/ucwa/people/contact-list-error';
import { parseMemberships, parsePeopleOffer, sameHref } from '../../../../../../main/core/ucwa/people/contact-list-management';
import {
  distributionGroupId,
  distributionGroupItems,
  parseContactPhotoLinks,
  sameUri,
  searchText,
} from '../../../../../../main/core/ucwa/people/directory-lookups-parse';
import { clampLimit, parseDirectoryContact, parseDistributionGroup, parseExpandedGroup, parseSearch } from '../../../../../../main/core/ucwa/people/directory-search';
import { UcwaError } from '../../../../../../main/core/ucwa/ucwa-error';

const BASE = 'https://pool.contoso.com/ucwa/oauth/v1/applications/101/people/search?query=sa';
const APP = 'https://pool.contoso.com/ucwa/oauth/v1/applications/101';

const http = (status: number, subcode?: string): UcwaError =>
  new UcwaError('http', 'refused', { status, ...(subcode !== undefined ? { code: 'Conflict', subcode } : {}) });

describe('toContactListError', () => {
  it.each([
    [http(409, 'TooManyGroups'), 'tooManyGroups', /as many groups/],
    [http(409, 'TooManyContacts'), 'tooManyContacts', /full/],
    [http(409, 'LimitExceeded'), 'tooManyContacts', /full/],
    [http(409, 'AlreadyExists'), 'alreadyExists', /already/],
    [http(409), 'failed', /try again/],
    [http(403), 'forbidden', /does not allow changing/],
    [http(403, 'OperationNotSupported'), 'notSupported', /cannot be changed/],
    [http(404), 'notFound', /no longer exists/],
    [http(400, 'ParameterValidationFailure'), 'invalid', /check it/],
    [http(412, 'PreconditionFailed'), 'changedMeanwhile', /changed meanwhile/],
    [http(428, 'PreconditionRequired'), 'changedMeanwhile', /changed meanwhile/],
    [http(500), 'failed', /later/],
    [new UcwaError('network', 'reset'), 'failed', /could not be reached/],
    [new UcwaError('malformed', 'junk'), 'failed', /does not understand/],
    [new TypeError('bug'), 'failed', /could not be changed/],
  ])('%s → %s', (error, reason, message) => {
    const mapped = toContactListError(error);
    expect(mapped.reason).toBe(reason);
    expect(mapped.message).toMatch(message);
  });

  it('passes a ContactListError through unchanged', () => {
    const own = new ContactListError('unavailable', MANAGEMENT_UNAVAILABLE);
    expect(toContactListError(own)).toBe(own);
  });
});

describe('parsePeopleOffer', () => {
  const people = (rev: string | undefined, extra: Record<string, unknown> = {}) => ({
    _links: {
      self: { href: 'people' },
      myGroups: { href: 'people/groups', ...(rev !== undefined ? { revision: rev } : {}) },
      myGroupMemberships: { href: 'people/groupMemberships', ...(rev !== undefined ? { revision: rev } : {}) },
      search: { href: 'people/search' },
      ...extra,
    },
    rel: 'people',
  });

  it('offers management when myGroups and myGroupMemberships are revision 2, with absolute hrefs', () => {
    const offer = parsePeopleOffer(people('2'), `${APP}/`);
    expect(offer.capabilities).toEqual({ search: { available: true }, contactListManagement: { available: true } });
    expect(offer.management).toEqual({ myGroups: `${APP}/people/groups`, myGroupMemberships: `${APP}/people/groupMemberships` });
  });

  it('revision 1 (or none) is read-only, with the reason', () => {
    for (const rev of [undefined, '1']) {
      const offer = parsePeopleOffer(people(rev), `${APP}/`);
      expect(offer.capabilities.contactListManagement).toEqual({ available: false, reason: 'Your server does not allow changing the contact list.' });
      expect(offer.management).toBeUndefined();
    }
  });

  it('a missing search link makes search unavailable', () => {
    const body = people('2');
    delete (body._links as Record<string, unknown>)['search'];
    expect(parsePeopleOffer(body, `${APP}/`).capabilities.search.available).toBe(false);
  });

  it('a body that is not an object is malformed', () => {
    expect(() => parsePeopleOffer('nope', APP)).toThrow(UcwaError);
  });
});

describe('parseSearch', () => {
  it('reads contacts (one object or an array), distribution groups and moreResultsAvailable', () => {
    const parsed = parseSearch(
      {
        moreResultsAvailable: true,
        _embedded: {
          contact: { uri: 'sip:sarad@contoso.com', name: 'Sara Davis', title: 'PM', department: '', emailAddresses: ['sarad@contoso.com', 7], _links: { self: { href: 'sarad@contoso.com' } } },
          distributionGroup: [
            { uri: 'sip:eng@contoso.com', name: 'Engineering', _links: { expandDistributionGroup: { href: 'dg/eng/expand' }, addToContactList: { href: 'groups/addToContactList?smtpAddress=eng' } } },
            { name: 'no uri' },
          ],
        },
      },
      BASE,
      'sa',
    );
    expect(parsed.result).toEqual({
      query: 'sa',
      contacts: [{ uri: 'sip:sarad@contoso.com', name: 'Sara Davis', title: 'PM', emailAddresses: ['sarad@contoso.com'] }],
      distributionGroups: [{ uri: 'sip:eng@contoso.com', name: 'Engineering', canAdd: true, canExpand: true }],
      moreResultsAvailable: true,
    });
    expect(parsed.contacts[0]!.self).toBe(`${APP}/people/sarad@contoso.com`);
    expect(parsed.distributionGroups[0]!.addToContactList).toBe(`${APP}/people/groups/addToContactList?smtpAddress=eng`);
  });

  it('an empty answer is no results, not an error', () => {
    expect(parseSearch({}, BASE, 'x').result).toEqual({ query: 'x', contacts: [], distributionGroups: [], moreResultsAvailable: false });
  });

  it('expandDistributionGroup members', () => {
    expect(parseExpandedGroup({ _embedded: { contact: [{ uri: 'sip:a@b.c', name: 'A' }, { name: 'x' }] } }, BASE)).toEqual([{ uri: 'sip:a@b.c', name: 'A', emailAddresses: [] }]);
  });

  it('clamps limit to 1..100', () => {
    expect([clampLimit(0), clampLimit(10.4), clampLimit(500), clampLimit(Number.NaN)]).toEqual([1, 10, 100, 100]);
  });
});

describe('parseMemberships', () => {
  it('reads removeContactFromAllGroups and each membership with its contact and group links', () => {
    const answer = parseMemberships(
      {
        _links: { self: { href: 'groupMemberships' }, removeContactFromAllGroups: { href: 'groupMemberships/removeContactFromAllGroups' } },
        _embedded: {
          myGroupMembership: [
            { _links: { self: { href: 'groupMemberships/3/sarad' }, contact: { href: 'sarad' }, group: { href: 'groups/3' } } },
            { _links: { self: { href: 'groupMemberships/1/lenea' }, contact: { href: 'lenea' }, defaultGroup: { href: 'groups/1' } } },
            { _links: {} },
          ],
        },
      },
      `${APP}/people/`,
    );
    expect(answer.removeContactFromAllGroups).toBe(`${APP}/people/groupMemberships/removeContactFromAllGroups`);
    expect(answer.memberships).toEqual([
      { self: `${APP}/people/groupMemberships/3/sarad`, contact: `${APP}/people/sarad`, group: `${APP}/people/groups/3` },
      { self: `${APP}/people/groupMemberships/1/lenea`, contact: `${APP}/people/lenea`, group: `${APP}/people/groups/1` },
    ]);
  });
});

describe('contact card', () => {
  it('assembles fields, note, location, modalities and the photo href', () => {
    const card = buildContactCard(
      { uri: 'sip:sarad@contoso.com', name: 'Sara Davis', office: '2/101', _links: { contactPhoto: { href: '../photos/sarad@contoso.com' } } },
      `${APP}/people/sarad@contoso.com`,
      { note: { message: 'Away until Monday', type: 'OutOfOffice' }, location: { location: '' }, modalities: { modalities: ['Messaging', 3] } },
    );
    expect(card).toEqual({
      uri: 'sip:sarad@contoso.com',
      name: 'Sara Davis',
      office: '2/101',
      emailAddresses: [],
      note: { message: 'Away until Monday', type: 'outOfOffice' },
      modalities: ['Messaging'],
      photoHref: `${APP}/photos/sarad@contoso.com`,
    });
  });

  it('an empty note is none; a contact without uri is no card', () => {
    expect(parseNote({ message: '  ', type: 'Personal' })).toBeUndefined();
    expect(buildContactCard({ name: 'x' }, APP, {})).toBeUndefined();
  });
});

describe('contact-list errors', () => {
  it('are named and recognisable; 403 OperationNotSupported counts by code when there is no subcode', () => {
    const mapped = toContactListError(new UcwaError('http', 'refused', { status: 403, code: 'OperationNotSupported' }));
    expect([mapped.name, mapped.reason, isContactListError(mapped), isContactListError(new Error('x'))]).toEqual(['ContactListError', 'notSupported', true, false]);
    expect(toContactListError(new UcwaError('http', 'refused', { status: 409, code: 'TooManyGroups' })).reason).toBe('tooManyGroups');
  });
});

describe('parsePeopleOffer revisions', () => {
  const offer = (groups: unknown, memberships: unknown) =>
    parsePeopleOffer({ _links: { self: { href: 'people' }, ...(groups === undefined ? {} : { myGroups: groups }), ...(memberships === undefined ? {} : { myGroupMemberships: memberships }) } }, `${APP}/`);
  const managed = (groups: unknown, memberships: unknown): boolean => offer(groups, memberships).capabilities.contactListManagement.available;

  it('needs both links at revision 2 or later', () => {
    expect(managed({ href: 'g', revision: '10' }, { href: 'm', revision: '3' })).toBe(true);
    expect(managed({ href: 'g', revision: '2' }, { href: 'm', revision: '1' })).toBe(false);
    expect(managed({ href: 'g', revision: '1' }, { href: 'm', revision: '2' })).toBe(false);
    expect(managed({ href: 'g', revision: '2' }, undefined)).toBe(false);
    expect(managed(undefined, { href: 'm', revision: '2' })).toBe(false);
    // A revision that is not a string is no revision.
    expect(managed({ href: 'g', revision: 2 }, { href: 'm', revision: 2 })).toBe(false);
    expect(offer({ href: 'g', revision: '2' }, { href: 'm', revision: '2' }).search).toBeUndefined();
  });

  it('a links object that is not an object offers nothing', () => {
    expect(parsePeopleOffer({ _links: 'x' }, APP).management).toBeUndefined();
    expect(parsePeopleOffer({ _links: { myGroups: [{ href: 'g', revision: '2' }], myGroupMemberships: { href: 'm', revision: '2' } } }, `${APP}/`).management).toBeUndefined();
  });
});

describe('parseMemberships shapes', () => {
  it.each(['group', 'defaultGroup', 'pinnedGroup', 'delegatesGroup', 'delegatorsGroup', 'myOrganizationGroup'])('reads a membership in a %s', (rel) => {
    const answer = parseMemberships({ _embedded: { myGroupMembership: { _links: { self: { href: 'm/1' }, contact: { href: 'c/1' }, [rel]: { href: 'groups/1' } } } } }, `${APP}/`);
    expect(answer).toEqual({ removeContactFromAllGroups: undefined, memberships: [{ self: `${APP}/m/1`, contact: `${APP}/c/1`, group: `${APP}/groups/1` }] });
  });

  it('a membership in no known group has no group; no memberships is none', () => {
    expect(parseMemberships({ _embedded: { myGroupMembership: [{ _links: { self: { href: 'm/1' }, distributionGroup: { href: 'g' } } }] } }, `${APP}/`).memberships).toEqual([
      { self: `${APP}/m/1`, contact: undefined, group: undefined },
    ]);
    expect(parseMemberships({}, APP).memberships).toEqual([]);
    expect(() => parseMemberships(null, APP)).toThrow(UcwaError);
  });

  it('compares hrefs after resolution and without case; an absent href matches nothing', () => {
    expect(sameHref('/People/A', 'https://x.invalid/people/a')).toBe(true);
    expect(sameHref('/people/a', '/people/b')).toBe(false);
    expect(sameHref(undefined, '/a')).toBe(false);
    expect(sameHref('/a', undefined)).toBe(false);
  });
});

describe('directory contacts and groups', () => {
  it('reads every directory field; empty ones are left out', () => {
    const parsed = parseDirectoryContact(
      {
        uri: 'sip:a@contoso.com',
        name: 'A',
        title: 'T',
        department: 'D',
        company: 'C',
        office: 'O',
        workPhoneNumber: 'tel:1',
        mobilePhoneNumber: 'tel:2',
        emailAddresses: 'a@contoso.com',
        _links: { contactPresence: { href: 'a/presence' } },
      },
      `${APP}/people/`,
    );
    expect(parsed).toEqual({
      contact: { uri: 'sip:a@contoso.com', name: 'A', title: 'T', department: 'D', company: 'C', office: 'O', workPhoneNumber: 'tel:1', mobilePhoneNumber: 'tel:2', emailAddresses: [] },
      self: undefined,
      presence: `${APP}/people/a/presence`,
    });
    expect(parseDirectoryContact({ uri: 'sip:b@contoso.com', company: '', office: '' }, APP)?.contact).toEqual({ uri: 'sip:b@contoso.com', name: 'sip:b@contoso.com', emailAddresses: [] });
    expect(parseDirectoryContact({ uri: '' }, APP)).toBeUndefined();
    expect(parseDirectoryContact([{ uri: 'sip:x@y' }], APP)).toBeUndefined();
  });

  it('reads a distribution group: id when listed, name defaulting to the address, what can be done with it', () => {
    expect(parseDistributionGroup({ uri: 'sip:dl@contoso.com', id: '7' }, APP)).toEqual({
      group: { uri: 'sip:dl@contoso.com', name: 'sip:dl@contoso.com', groupId: '7', canAdd: false, canExpand: false },
      expand: undefined,
      addToContactList: undefined,
    });
    expect(parseDistributionGroup({ uri: '' }, APP)).toBeUndefined();
    expect(parseDistributionGroup('dl', APP)).toBeUndefined();
    expect(parseSearch({ moreResultsAvailable: 'true', _embedded: { contact: null, distributionGroup: { uri: 'sip:dl@contoso.com' } } }, BASE, 'dl').result).toEqual({
      query: 'dl',
      contacts: [],
      distributionGroups: [{ uri: 'sip:dl@contoso.com', name: 'sip:dl@contoso.com', canAdd: false, canExpand: false }],
      moreResultsAvailable: false,
    });
  });

  it('an expanded group that is not an object is malformed; one member is a list of one', () => {
    expect(() => parseExpandedGroup('x', BASE)).toThrow(UcwaError);
    expect(parseExpandedGroup({ _embedded: { contact: { uri: 'sip:a@b.c' } } }, BASE).map((c) => c.uri)).toEqual(['sip:a@b.c']);
  });

  it('clamps an infinite limit to 100 and rounds halves up', () => {
    expect([clampLimit(Number.POSITIVE_INFINITY), clampLimit(Number.NEGATIVE_INFINITY), clampLimit(1.5), clampLimit(100), clampLimit(1)]).toEqual([100, 100, 2, 100, 1]);
  });
});

describe('contact card parts', () => {
  it('reads the note type: personal, out of office, anything else other', () => {
    expect(parseNote({ message: 'm', type: 'PERSONAL' })).toEqual({ message: 'm', type: 'personal' });
    expect(parseNote({ message: 'm', type: 'outofoffice' })).toEqual({ message: 'm', type: 'outOfOffice' });
    expect(parseNote({ message: 'm', type: 'Meeting' })).toEqual({ message: 'm', type: 'other' });
    expect(parseNote({ message: 'm' })).toEqual({ message: 'm', type: 'other' });
    expect(parseNote({ type: 'Personal' })).toBeUndefined();
  });

  it('reads the location and modalities; blank or malformed is none', () => {
    expect(parseLocation({ location: 'Building 7' })).toBe('Building 7');
    expect(parseLocation({ location: '   ' })).toBeUndefined();
    expect(parseLocation({})).toBeUndefined();
    expect(parseModalities({ modalities: 'Audio' })).toEqual([]);
    expect(parseModalities(['Audio'])).toEqual([]);
    expect(parseModalities({ modalities: ['Audio', null, 'Video'] })).toEqual(['Audio', 'Video']);
  });

  it('a card of the contact alone: no note, location or photo, no modalities', () => {
    expect(buildContactCard({ uri: 'sip:a@b.c', name: 'A' }, APP, {})).toEqual({ uri: 'sip:a@b.c', name: 'A', emailAddresses: [], modalities: [] });
    expect(buildContactCard({ uri: 'sip:a@b.c' }, APP, { note: { message: '' }, location: { location: 'L' } })).toEqual({
      uri: 'sip:a@b.c',
      name: 'sip:a@b.c',
      emailAddresses: [],
      location: 'L',
      modalities: [],
    });
  });

  it('reads the links of each part', () => {
    const links = { contactNote: { href: 'n' }, contactLocation: { href: 'l' }, contactSupportedModalities: { href: 'm' }, contactPhoto: { href: 'p' }, self: { href: 's' } };
    expect(parseContactParts({ _links: links }, `${APP}/`)).toEqual({
      contactNote: `${APP}/n`,
      contactLocation: `${APP}/l`,
      contactSupportedModalities: `${APP}/m`,
      contactPhoto: `${APP}/p`,
    });
    expect(parseContactParts({}, APP)).toEqual({});
  });
});

describe('contact-list lookups', () => {
  it('compares addresses without case or surrounding space, and searches them without the scheme', () => {
    expect(sameUri(' SIP:A@B.c ', 'sip:a@b.C')).toBe(true);
    expect(sameUri('sip:a@b.c', 'sip:b@b.c')).toBe(false);
    expect([searchText(' SIP:ann@contoso.com '), searchText('tel:+1'), searchText('ann sip:x')]).toEqual(['ann@contoso.com', 'tel:+1', 'ann sip:x']);
  });

  it('maps listed contacts to their photo links by lower-cased address, leaving out those without either', () => {
    const photos = parseContactPhotoLinks(
      {
        _embedded: {
          contact: [
            { uri: ' SIP:Ann@Contoso.com', _links: { contactPhoto: { href: '../photos/ann' } } },
            { uri: 'sip:bob@contoso.com', _links: {} },
            { _links: { contactPhoto: { href: '../photos/nobody' } } },
          ],
        },
      },
      `${APP}/people/contacts`,
    );
    expect([...photos]).toEqual([['sip:ann@contoso.com', `${APP}/photos/ann`]]);
    expect([...parseContactPhotoLinks({ _embedded: { contact: { uri: 'sip:c@d', _links: { contactPhoto: { href: 'p' } } } } }, `${APP}/`)]).toEqual([['sip:c@d', `${APP}/p`]]);
    expect(parseContactPhotoLinks({}, APP).size).toBe(0);
    expect(() => parseContactPhotoLinks(7, APP)).toThrow(UcwaError);
  });

  it('reads the distribution groups of a group list and their ids', () => {
    expect(distributionGroupItems({ _embedded: { distributionGroup: { uri: 'sip:dl@x' } } })).toEqual([{ uri: 'sip:dl@x' }]);
    expect(distributionGroupItems({})).toEqual([]);
    expect(() => distributionGroupItems('x')).toThrow(UcwaError);
    expect([distributionGroupId({ uri: 'sip:dl@x', id: '3' }), distributionGroupId({ id: '3' }), distributionGroupId({ uri: 'sip:dl@x' })]).toEqual(['3', undefined, undefined]);
  });
});
