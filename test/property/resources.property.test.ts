import fc from 'fast-check';
import { firstValueFrom, of, throwError } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { isAvailability } from '../../shared/availability';
import { SessionFailure } from '../../main/core/session/session-failure';
import { parseApplication } from '../../main/core/ucwa/application';
import { discoverApplications, discoveryCandidates, signInDomain } from '../../main/core/ucwa/discovery';
import { judgeUrl, trustContext } from '../../main/core/ucwa/trust';
import { parseNote } from '../../main/core/ucwa/note';
import {
  parseContact,
  parseContactNote,
  parseContactPresence,
  parseContacts,
  parseContactsSubscription,
  parseGroup,
  parseMyGroups,
  parsePresenceSubscription,
} from '../../main/core/ucwa/people/people-resources';
import { parsePresence } from '../../main/core/ucwa/presence';
import type { ResourceClient, ResourceResponse } from '../../main/core/ucwa/resource-client';
import { parseTokenResponse } from '../../main/core/ucwa/token';
import { UcwaError } from '../../main/core/ucwa/ucwa-error';
import { anyJson, baseUrl, body, href, RUNS } from './support/arbitraries';
import { isAbsoluteUrl, typedOutcome } from './support/typed-outcome';

const GROUP_KINDS = ['pinned', 'personal', 'default', 'distribution', 'other'];
const optionalUrl = (value: string | undefined): void => {
  if (value !== undefined) expect(isAbsoluteUrl(value)).toBe(true);
};

describe('token answers on any input', () => {
  const tokenBody = fc.oneof(
    anyJson,
    fc.record({ access_token: fc.oneof(fc.string({ maxLength: 20 }), anyJson), token_type: fc.oneof(fc.constantFrom('Bearer', ''), anyJson), expires_in: fc.oneof(fc.integer(), fc.double(), fc.string({ maxLength: 6 }), anyJson) }, { requiredKeys: [] }),
  );
  it('parseTokenResponse: a non-empty authorization and a finite positive lifetime, or a malformed UcwaError', () => {
    fc.assert(
      fc.property(tokenBody, (answer) => {
        const outcome = typedOutcome(() => parseTokenResponse(answer), [UcwaError]);
        if ('error' in outcome) return void expect(outcome.error).toMatchObject({ kind: 'malformed' });
        expect(outcome.value.authorization).toMatch(/ .+$/);
        expect(Number.isFinite(outcome.value.expiresInSeconds) && outcome.value.expiresInSeconds > 0).toBe(true);
      }),
      RUNS,
    );
  });
});

describe('discovery on any input', () => {
  it('signInDomain / discoveryCandidates: a domain and http(s) URLs, or a SessionFailure', () => {
    const address = fc.oneof(fc.tuple(fc.emailAddress(), fc.boolean()).map(([a, sip]) => (sip ? `sip:${a}` : a)), fc.string({ maxLength: 30 }));
    fc.assert(
      fc.property(address, fc.option(fc.oneof(href, fc.string({ maxLength: 20 })), { nil: undefined }), (who, explicit) => {
        const domain = typedOutcome(() => signInDomain(who), [SessionFailure]);
        if ('value' in domain) expect(domain.value).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
        const candidates = typedOutcome(() => discoveryCandidates(who, explicit), [SessionFailure]);
        if ('value' in candidates) {
          expect(candidates.value.length).toBeGreaterThan(0);
          for (const url of candidates.value) expect(new URL(url).protocol).toMatch(/^https?:$/);
        }
      }),
      RUNS,
    );
  });

  it('judgeUrl answers every URL with a verdict and never passes a non-loopback http URL', () => {
    fc.assert(
      fc.property(href, href, fc.string({ maxLength: 12 }), fc.array(fc.string({ maxLength: 12 }), { maxLength: 2 }), (root, to, domain, trusted) => {
        const verdict = judgeUrl(trustContext(domain, root, { trustedDomains: trusted, allowInsecureHttp: false }), to);
        expect(typeof verdict.ok).toBe('boolean');
        if (verdict.ok) {
          const url = new URL(to);
          expect(url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) || url.hostname.startsWith('127.')).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('discoverApplications over discovery documents of any shape: an absolute applications URL, or a typed failure', async () => {
    // Each GET answers the next generated document; after them, 404 (the candidate failed).
    await fc.assert(
      fc.asyncProperty(fc.array(body, { minLength: 1, maxLength: 4 }), baseUrl, async (documents, url) => {
        const queue = [...documents];
        const client: ResourceClient = {
          request: (request) => {
            const next = queue.shift();
            if (next === undefined) return throwError(() => new UcwaError('http', 'not found', { status: 404 }));
            const response: ResourceResponse = { url: request.href.startsWith('http') ? request.href : url, status: 200, headers: {}, body: next, text: '' };
            return of(response);
          },
        };
        try {
          expect(isAbsoluteUrl(await firstValueFrom(discoverApplications(client, 'dana@contoso.com')))).toBe(true);
        } catch (error) {
          expect(error instanceof SessionFailure || error instanceof UcwaError).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('application, presence, note and people resources on any input', () => {
  it('parseApplication: absolute links, or a malformed UcwaError', () => {
    fc.assert(
      fc.property(body, baseUrl, (resource, url) => {
        const outcome = typedOutcome(() => parseApplication(resource, url), [UcwaError]);
        if ('error' in outcome) return void expect(outcome.error).toMatchObject({ kind: 'malformed' });
        for (const value of [outcome.value.self, outcome.value.events]) expect(isAbsoluteUrl(value)).toBe(true);
        optionalUrl(outcome.value.batch);
        for (const value of [...Object.values(outcome.value.me), ...Object.values(outcome.value.people)]) expect(isAbsoluteUrl(value)).toBe(true);
      }),
      RUNS,
    );
  });

  it('parsePresence / parseNote / parseContactPresence / parseContactNote: a known availability and a string', () => {
    fc.assert(
      fc.property(body, (resource) => {
        const presence = typedOutcome(() => parsePresence(resource), []);
        if ('value' in presence) expect(isAvailability(presence.value)).toBe(true);
        const note = typedOutcome(() => parseNote(resource), []);
        if ('value' in note) expect(typeof note.value).toBe('string');
        const contactPresence = typedOutcome(() => parseContactPresence(resource), [UcwaError]);
        if ('value' in contactPresence) expect(isAvailability(contactPresence.value)).toBe(true);
        const contactNote = typedOutcome(() => parseContactNote(resource), [UcwaError]);
        if ('value' in contactNote) expect(typeof contactNote.value).toBe('string');
      }),
      RUNS,
    );
  });

  it('people parsers: typed groups and contacts with absolute links, or a malformed UcwaError', () => {
    fc.assert(
      fc.property(body, baseUrl, (resource, url) => {
        const groups = typedOutcome(() => [...parseMyGroups(resource, url), ...[parseGroup(resource, url)].flatMap((g) => (g ? [g] : []))], [UcwaError]);
        if ('value' in groups) {
          for (const { group, self, groupContacts } of groups.value) {
            expect(typeof group.id === 'string' && typeof group.name === 'string').toBe(true);
            expect(GROUP_KINDS).toContain(group.kind);
            expect(group.contactUris).toEqual([]);
            optionalUrl(self);
            optionalUrl(groupContacts);
          }
        }
        const contacts = typedOutcome(() => [...parseContacts(resource, url), ...[parseContact(resource, url)].flatMap((c) => (c ? [c] : []))], [UcwaError]);
        if ('value' in contacts) {
          for (const { contact, self, contactPresence, contactNote } of contacts.value) {
            expect(contact.uri.length).toBeGreaterThan(0);
            expect(typeof contact.name).toBe('string');
            expect(contact.availability).toBe('Unknown');
            [self, contactPresence, contactNote].forEach(optionalUrl);
          }
        }
        const subscription = typedOutcome(() => parsePresenceSubscription(resource, url), [UcwaError]);
        if ('value' in subscription) {
          expect(isAbsoluteUrl(subscription.value.self)).toBe(true);
          optionalUrl(subscription.value.addToPresenceSubscription);
        }
        const start = typedOutcome(() => parseContactsSubscription(resource, url), [UcwaError]);
        if ('value' in start) optionalUrl(start.value);
        for (const outcome of [groups, contacts, subscription, start]) if ('error' in outcome) expect(outcome.error).toMatchObject({ kind: 'malformed' });
      }),
      RUNS,
    );
  });
});
