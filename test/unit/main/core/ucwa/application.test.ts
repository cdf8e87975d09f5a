import { describe, expect, it } from 'vitest';
import { parseApplication } from '../../../../../main/core/ucwa/application';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';

const URL_ = 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications';

describe('parseApplication', () => {
  it('reads the realistic 201 capture into absolute links (me before makeMeAvailable)', () => {
    const app = parseApplication(
      {
        culture: 'en-US',
        _links: {
          self: { href: '/ucwa/oauth/v1/applications/105' },
          policies: { href: '/ucwa/oauth/v1/applications/105/policies' },
          batch: { href: '/ucwa/oauth/v1/applications/105/batch' },
          events: { href: '/ucwa/oauth/v1/applications/105/events?ack=1' },
        },
        _embedded: {
          me: { _links: { self: { href: '/ucwa/oauth/v1/applications/105/me' }, makeMeAvailable: { href: '/ucwa/oauth/v1/applications/105/me/makeMeAvailable' } } },
          people: { _links: { myGroups: { href: '/ucwa/oauth/v1/applications/105/people/groups' } } },
        },
      },
      URL_,
    );
    expect(app).toEqual({
      self: 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/105',
      events: 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/105/events?ack=1',
      batch: 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/105/batch',
      me: {
        self: 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/105/me',
        makeMeAvailable: 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/105/me/makeMeAvailable',
      },
      people: { myGroups: 'https://lyncweb.contoso.com/ucwa/oauth/v1/applications/105/people/groups' },
    });
    expect(app.me['presence']).toBeUndefined();
  });

  it('rejects an application without self or events as malformed', () => {
    expect(() => parseApplication({ _links: { self: { href: '/a' } } }, URL_)).toThrow(UcwaError);
    expect(() => parseApplication([], URL_)).toThrow(/not a JSON object/);
  });
});
