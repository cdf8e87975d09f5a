import { describe, expect, it } from 'vitest';
import { buildContactCard, parseNote } from '../../../../../../main/core/ucwa/people/contact-card';
import { ContactListError, MANAGEMENT_UNAVAILABLE, toContactListError } from '../../../../../../main/core/ucwa/people/contact-list-error';
import { parseMemberships, parsePeopleOffer } from '../../../../../../main/core/ucwa/people/contact-list-management';
import { clampLimit, parseExpandedGroup, parseSearch } from '../../../../../../main/core/ucwa/people/directory-search';
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
