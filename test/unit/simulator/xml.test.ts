import { describe, expect, it } from 'vitest';
import { eventsToXml, parseXml, resourceToXml, UCWA_NAMESPACE, xmlInputs, XmlSyntaxError } from '../../simulator/xml';

/** Seed 002 (myContactsAndGroupsSubscription), "JSON Response", as the page prints it. */
const SEED_002_JSON = {
  rel: 'myContactsAndGroupsSubscription',
  state: 'Connecting',
  _links: {
    self: { href: '/ucwa/v1/applications/192/people/myContactsAndGroupsSubscription' },
    startOrRefreshSubscriptionToContactsAndGroups: {
      href: '/ucwa/v1/applications/192/people/myContactsAndGroupsSubscription/startOrRefreshSubscriptionToContactsAndGroups',
    },
    stopSubscriptionToContactsAndGroups: {
      href: '/ucwa/v1/applications/192/people/myContactsAndGroupsSubscription/stopSubscriptionToContactsAndGroups',
    },
  },
};

/** Seed 002, "XML Response" body, line for line. */
const SEED_002_XML = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<resource rel="myContactsAndGroupsSubscription" href="/ucwa/v1/applications/192/people/myContactsAndGroupsSubscription" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">',
  '  <link rel="startOrRefreshSubscriptionToContactsAndGroups" href="/ucwa/v1/applications/192/people/myContactsAndGroupsSubscription/startOrRefreshSubscriptionToContactsAndGroups" />',
  '  <link rel="stopSubscriptionToContactsAndGroups" href="/ucwa/v1/applications/192/people/myContactsAndGroupsSubscription/stopSubscriptionToContactsAndGroups" />',
  '  <property name="rel">myContactsAndGroupsSubscription</property>',
  '  <property name="state">Connecting</property>',
  '</resource>',
  '',
].join('\n');

describe('resourceToXml', () => {
  it('reproduces the seed 002 XML response from its JSON response, element for element', () => {
    const xml = resourceToXml(SEED_002_JSON);
    expect(xml).toBe(SEED_002_XML);
    // And structurally: the same elements, attributes and texts in the same order.
    const shape = (n: ReturnType<typeof parseXml>): unknown => [n.name, n.attrs, n.text.trim(), n.children.map(shape)];
    expect(shape(parseXml(xml))).toEqual(shape(parseXml(SEED_002_XML)));
  });

  it('writes arrays as propertyList/item, repeated links and repeated embedded resources', () => {
    const xml = resourceToXml({
      rel: 'contact',
      name: 'Sara <Davis> & co',
      emailAddresses: ['sara@contoso.com', 'sd@contoso.com'],
      phones: [],
      count: 3,
      pinned: false,
      title: null,
      _links: { self: { href: '/p/sara' }, group: [{ href: '/g/1', title: 'One' }, { href: '/g/2' }] },
      _embedded: { contactPresence: { rel: 'contactPresence', availability: 'Busy', _links: { self: { href: '/p/sara/presence' } } }, note: [{ message: 'a', _links: { self: { href: '/n/1' } } }, { message: 'b', _links: { self: { href: '/n/2' } } }] },
    });
    const root = parseXml(xml);
    expect(root.attrs).toEqual({ rel: 'contact', href: '/p/sara', xmlns: UCWA_NAMESPACE });
    expect(root.children.map((c) => `${c.name}:${c.attrs['rel'] ?? c.attrs['name']}`)).toEqual([
      'link:group',
      'link:group',
      'property:rel',
      'property:name',
      'propertyList:emailAddresses',
      'propertyList:phones',
      'property:count',
      'property:pinned',
      'property:title',
      'resource:contactPresence',
      'resource:note',
      'resource:note',
    ]);
    expect(root.children[0]!.attrs).toEqual({ rel: 'group', href: '/g/1', title: 'One' });
    expect(root.children[3]!.text).toBe('Sara <Davis> & co');
    expect(xml).toContain('Sara &lt;Davis&gt; &amp; co');
    expect(root.children[4]!.children.map((i) => i.text)).toEqual(['sara@contoso.com', 'sd@contoso.com']);
    expect(root.children[6]!.text).toBe('3');
    expect(root.children[7]!.text).toBe('false');
    const presence = root.children[9]!;
    expect(presence.attrs).toEqual({ rel: 'contactPresence', href: '/p/sara/presence' });
    expect(presence.children.find((c) => c.attrs['name'] === 'availability')?.text).toBe('Busy');
    // An embedded resource without its own rel property takes the rel it is embedded under.
    expect(root.children[10]!.attrs).toEqual({ rel: 'note', href: '/n/1' });
    expect(root.children[11]!.children[0]!.text).toBe('b');
  });

  it('writes ASP.NET AJAX dates as ISO 8601 (dates in XML are ISO 8601)', () => {
    const xml = resourceToXml({ rel: 'contactPresence', lastActive: '/Date(1358827096000)/', _links: { self: { href: '/x' } } });
    expect(parseXml(xml).children.find((c) => c.attrs['name'] === 'lastActive')?.text).toBe('2013-01-22T03:58:16.000Z');
  });
});

describe('eventsToXml', () => {
  it('writes the reference sample event page: events/link next/sender/updated with an embedded resource', () => {
    const xml = eventsToXml({
      _links: { self: { href: '/ucwa/oauth/v1/applications/102/events?ack=1' }, next: { href: '/ucwa/oauth/v1/applications/102/events?ack=2' } },
      sender: [
        {
          rel: 'communication',
          href: '/ucwa/oauth/v1/applications/102/communication',
          events: [
            {
              link: { rel: 'communication', href: '/ucwa/oauth/v1/applications/102/communication' },
              _embedded: { communication: { rel: 'communication', supportedModalities: ['Messaging'], _links: { self: { href: '/ucwa/oauth/v1/applications/102/communication' }, startMessaging: { href: '/ucwa/oauth/v1/applications/102/communication/messagingInvitations' } } } },
              type: 'updated',
            },
          ],
        },
        {
          rel: 'me',
          href: '/ucwa/oauth/v1/applications/102/me',
          events: [
            { link: { rel: 'me', href: '/ucwa/oauth/v1/applications/102/me' }, type: 'updated' },
            { link: { rel: 'presence', href: '/ucwa/oauth/v1/applications/102/me/presence' }, type: 'added' },
          ],
        },
      ],
    });
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<events href="/ucwa/oauth/v1/applications/102/events?ack=1" xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">',
        '  <link rel="next" href="/ucwa/oauth/v1/applications/102/events?ack=2" />',
        '  <sender rel="communication" href="/ucwa/oauth/v1/applications/102/communication">',
        '    <updated rel="communication" href="/ucwa/oauth/v1/applications/102/communication">',
        '      <resource rel="communication" href="/ucwa/oauth/v1/applications/102/communication">',
        '        <link rel="startMessaging" href="/ucwa/oauth/v1/applications/102/communication/messagingInvitations" />',
        '        <property name="rel">communication</property>',
        '        <propertyList name="supportedModalities">',
        '          <item>Messaging</item>',
        '        </propertyList>',
        '      </resource>',
        '    </updated>',
        '  </sender>',
        '  <sender rel="me" href="/ucwa/oauth/v1/applications/102/me">',
        '    <updated rel="me" href="/ucwa/oauth/v1/applications/102/me" />',
        '    <added rel="presence" href="/ucwa/oauth/v1/applications/102/me/presence" />',
        '  </sender>',
        '</events>',
        '',
      ].join('\n'),
    );
  });

  it('keeps the in link of an event and answers a resync page with only its link', () => {
    const page = parseXml(
      eventsToXml({
        _links: { self: { href: '/e?ack=3' }, next: { href: '/e?ack=4' } },
        sender: [{ rel: 'people', href: '/p', events: [{ link: { rel: 'contact', href: '/p/sara' }, in: { rel: 'group', href: '/g/1' }, type: 'added' }] }],
      }),
    );
    const added = page.children[1]!.children[0]!;
    expect(added.name).toBe('added');
    expect(added.children[0]).toMatchObject({ name: 'in', attrs: { rel: 'group', href: '/g/1' } });
    const resync = parseXml(eventsToXml({ _links: { resync: { href: '/e?ack=2' } } }));
    expect(resync.attrs).toEqual({ xmlns: UCWA_NAMESPACE });
    expect(resync.children).toEqual([{ name: 'link', attrs: { rel: 'resync', href: '/e?ack=2' }, children: [], text: '' }]);
  });
});

describe('parseXml and xmlInputs', () => {
  it('reads the UCWA input format: properties, propertyLists, entities, CDATA; links and resources ignored', () => {
    const root = parseXml(`<?xml version="1.0" encoding="utf-8"?>
<!-- a client comment -->
<u:resource xmlns:u="${UCWA_NAMESPACE}" rel='makeMeAvailable'>
  <u:propertyList name="SupportedModalities"><item>Messaging</item><item>PhoneAudio</item></u:propertyList>
  <property name="signInAs">Busy</property>
  <property name="message">a &lt;b&gt; &amp; &#233;&#x263A; <![CDATA[<raw>]]></property>
  <link rel="self" href="/x" />
  <resource rel="me" href="/me"><property name="name">ignored</property></resource>
</u:resource>`);
    expect(root.name).toBe('resource');
    expect(xmlInputs(root)).toEqual({ SupportedModalities: ['Messaging', 'PhoneAudio'], signInAs: 'Busy', message: 'a <b> & é☺ <raw>' });
  });

  it.each([
    ['unclosed element', '<resource><property name="a">x</property>'],
    ['mismatched end tag', '<resource><property name="a">x</prop></resource>'],
    ['text after the root', '<resource /> trailing'],
    ['no element', 'availability=Online'],
    ['an internal DTD subset', '<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>'],
  ])('rejects %s', (_, source) => {
    expect(() => parseXml(source)).toThrow(XmlSyntaxError);
  });
});
