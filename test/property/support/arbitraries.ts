/**
 * Generators for fuzzing the parsers of server input: arbitrary JSON, and structures near the valid
 * UCWA shapes (HAL `_links`/`_embedded`, event pages) whose leaves are sometimes right and sometimes
 * garbage, so the runs reach deep into each parser instead of failing its first type check.
 */
import fc from 'fast-check';

/** As the HTTP client hands it over: through JSON text (plain prototypes, own `__proto__` keys kept). */
const asParsed = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null') as unknown;

/** Runs per property: enough to find shape bugs, small enough that every file runs in well under a second. */
export const RUNS = { numRuns: 200 } as const;

/** URLs a response could have come from (the base every relative href resolves against). */
export const baseUrl = fc.constantFrom(
  'https://pool.contoso.com/ucwa/oauth/v1/applications/103/events?ack=2&timeout=180',
  'https://lyncweb.contoso.com:4443/Autodiscover/AutodiscoverService.svc/root/oauth/user?originalDomain=contoso.com',
  'http://127.0.0.1:8080/ucwa/v1/applications/7/people/groups',
);

/** Strings that are hrefs, or almost: absolute, relative, protocol-relative, and not URLs at all. */
export const href = fc.oneof(
  { weight: 3, arbitrary: fc.webUrl({ withQueryParameters: true, withFragments: true }) },
  { weight: 3, arbitrary: fc.array(fc.stringMatching(/^[A-Za-z0-9._~%-]{0,12}$/), { maxLength: 5 }).map((parts) => `/ucwa/${parts.join('/')}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', '.', '..', '?ack=3', '#x', '//evil.example/x', 'http://[::1', 'https://', 'http://a b', ':', 'javascript:alert(1)', 'data:,x', '%zz', 'http://%zz', 'https://a:b@c/'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
);

/** Values of a JSON document of any shape (objects may carry `__proto__` as an own key, as JSON.parse makes them). */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.json({ maxDepth: 2 }).map((text) => JSON.parse(text) as unknown),
  fc.constant(JSON.parse('{"__proto__":{"href":"/x"},"constructor":"y"}') as unknown),
);

/** Rels the parsers look up, plus any other name. */
export const rel = fc.oneof(
  fc.constantFrom(
    'self', 'next', 'resync', 'resume', 'events', 'batch', 'applications', 'user', 'redirect', 'xframe', 'me', 'people',
    'presence', 'note', 'makeMeAvailable', 'reportMyActivity', 'myGroups', 'group', 'pinnedGroup', 'defaultGroup',
    'distributionGroup', 'groupContacts', 'contact', 'contactPresence', 'contactNote', 'addToPresenceSubscription',
    'startOrRefreshSubscriptionToContactsAndGroups', 'presenceSubscriptions', '__proto__', 'constructor', '',
  ),
  fc.string({ maxLength: 10 }),
);

/** A link object `{href, rel?, title?}`, sometimes with wrong types, sometimes anything. */
export const linkObject: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ href, rel, title: fc.string({ maxLength: 12 }) }, { requiredKeys: ['href'] }) },
  { weight: 1, arbitrary: fc.record({ href: anyJson, rel: anyJson }, { requiredKeys: [] }) },
  { weight: 1, arbitrary: anyJson },
);

/** A `_links` value: rel → link, or rel → array of links, or not an object at all. */
export const linksValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 5, arbitrary: fc.dictionary(rel, fc.oneof(linkObject, fc.array(linkObject, { maxLength: 3 })), { maxKeys: 6 }) },
  { weight: 1, arbitrary: anyJson },
);

/** Property names resources carry, with values of the right type most of the time. */
const prop = fc.oneof(
  fc.record(
    {
      id: fc.oneof(fc.string({ maxLength: 10 }), anyJson),
      name: fc.oneof(fc.string({ maxLength: 10 }), anyJson),
      uri: fc.oneof(fc.constantFrom('sip:sara@contoso.com', ''), fc.string({ maxLength: 10 }).map((s) => `sip:${s}`), anyJson),
      rel: fc.oneof(rel, anyJson),
      availability: fc.oneof(fc.constantFrom('Online', 'Busy', 'Away', 'DoNotDisturb', 'BeRightBack', 'Offline', 'IdleOnline', 'Unknown', 'online'), anyJson),
      message: fc.oneof(fc.string({ maxLength: 20 }), anyJson),
    },
    { requiredKeys: [] },
  ),
);

/** A HAL resource near the valid shape, nested `_embedded` resources up to a few levels. */
const halResourceRaw: fc.Arbitrary<unknown> = fc.letrec<{ resource: unknown }>((tie) => ({
  resource: fc
    .tuple(
      prop,
      fc.record(
        {
          _links: linksValue,
          _embedded: fc.oneof(
            { weight: 4, arbitrary: fc.dictionary(rel, fc.oneof({ maxDepth: 2, depthIdentifier: 'hal' }, tie('resource'), fc.array(tie('resource'), { maxLength: 3 }), anyJson), { maxKeys: 4 }) },
            { weight: 1, arbitrary: anyJson },
          ),
        },
        { requiredKeys: [] },
      ),
    )
    .map(([props, hal]) => ({ ...props, ...hal })),
})).resource;
export const halResource: fc.Arbitrary<unknown> = halResourceRaw.map(asParsed);

/** Any input a parser of JSON bodies can be handed: arbitrary JSON or a resource near the valid shape. */
export const body: fc.Arbitrary<unknown> = fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: halResource }).map(asParsed);

/** An event as the event channel sends it (§5.2), some fields wrong. */
export const eventObject: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(
        fc.record(
          {
            type: fc.oneof(fc.constantFrom('added', 'updated', 'deleted', 'started', 'completed', 'Added', 'unknown'), anyJson),
            link: linkObject,
            in: linkObject,
            status: fc.oneof(fc.constantFrom('Success', 'Failure'), anyJson),
            reason: fc.oneof(fc.record({ code: anyJson, subcode: anyJson, message: anyJson }, { requiredKeys: [] }), anyJson),
          },
          { requiredKeys: [] },
        ),
        fc.option(fc.dictionary(rel, fc.oneof(halResource, anyJson), { maxKeys: 2 }), { nil: undefined }),
      )
      .map(([event, embedded]) => (embedded === undefined ? event : { ...event, _embedded: embedded })),
  },
  { weight: 1, arbitrary: anyJson },
);

/** A P-GET answer near the valid shape: `_links` (next/resync/resume) and sender blocks of events. */
const eventsPageRaw: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        _links: linksValue,
        sender: fc.oneof(
          {
            weight: 4,
            arbitrary: fc.array(
              fc.oneof(
                {
                  weight: 4,
                  arbitrary: fc.record(
                    { rel: fc.oneof(rel, anyJson), href: fc.oneof(href, anyJson), events: fc.oneof(fc.array(eventObject, { maxLength: 4 }), anyJson) },
                    { requiredKeys: [] },
                  ),
                },
                { weight: 1, arbitrary: anyJson },
              ),
              { maxLength: 4 },
            ),
          },
          { weight: 1, arbitrary: anyJson },
        ),
      },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);
export const eventsPage: fc.Arbitrary<unknown> = eventsPageRaw.map(asParsed);
