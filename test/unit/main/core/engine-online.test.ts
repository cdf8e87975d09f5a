import { firstValueFrom, type Observable, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../../main/core/engine';
import type { PeopleContext, PeopleFeature } from '../../../../main/core/people-port';
import type { Change, ContactList, DesiredPresence, MyPresence, SessionState } from '../../../../shared/models';
import { APP_PATH, fakeUcwa, ROOT, settle, unitEngineDeps } from './engine/fake-ucwa';

const DANA = { address: 'dana@contoso.com', password: 'pw', discoveryUrl: ROOT } as const;
const LIST: ContactList = {
  groups: [{ id: 'g1', name: 'Team', kind: 'personal', contactUris: ['sip:sara@contoso.com'] }],
  contacts: { 'sip:sara@contoso.com': { uri: 'sip:sara@contoso.com', name: 'Sara Davis', availability: 'Busy' } },
};

/** A people feature the test drives: it records the contexts it is given and emits what the test says. */
function scriptedPeople() {
  const contexts: (PeopleContext | null)[] = [];
  const contacts = new Subject<ContactList>();
  const changes = new Subject<Change>();
  const feature: PeopleFeature = (context$: Observable<PeopleContext | null>) => {
    context$.subscribe((c) => contexts.push(c));
    return { contacts$: contacts, changes$: changes };
  };
  return { feature, contexts, contacts, changes, latest: () => contexts.at(-1) };
}

/** An engine signed in as Dana (Busy) against the in-memory server, online, with its streams recorded. */
async function signedIn() {
  const ucwa = fakeUcwa();
  const people = scriptedPeople();
  const e = createEngine(unitEngineDeps(ucwa.fetch), { people: people.feature });
  const states: SessionState[] = [];
  const presence: MyPresence[] = [];
  const desired: DesiredPresence[] = [];
  e.session$.subscribe((s) => states.push(s));
  e.presence$.subscribe((p) => presence.push(p));
  e.desired$.subscribe((d) => desired.push(d));
  await e.signIn(DANA, { availability: 'Busy' });
  await settle();
  return { e, ucwa, people, states, presence, desired };
}

const posts = (ucwa: ReturnType<typeof fakeUcwa>, from: number, path: string) =>
  ucwa
    .since(from)
    .filter((r) => r.key === `POST ${APP_PATH}${path}`)
    .map((r) => r.body);

describe('engine facade, signed in', () => {
  it('goes online with the chosen availability published through makeMeAvailable', async () => {
    const { e, ucwa, states, presence } = await signedIn();
    expect(states.map((s) => s.state)).toEqual(['signedOut', 'discovering', 'authenticating', 'connecting', 'online']);
    expect(ucwa.since(0).find((r) => r.key === 'POST /ucwa/oauth/v1/applications')?.body).toEqual({
      UserAgent: 'test/1',
      EndpointId: 'e-1',
      Culture: 'en-US',
    });
    expect(posts(ucwa, 0, '/me/makeMeAvailable')).toEqual([{ SupportedModalities: ['Messaging'], signInAs: 'Busy' }]);
    expect(presence.at(-1)).toEqual({ availability: 'Busy', note: '' });
    await e.dispose();
  });

  it('setAvailability and resetAvailability POST the presence, then show what the server reports', async () => {
    const { e, ucwa, presence, desired } = await signedIn();
    const from = ucwa.count();
    await e.setAvailability('Away');
    expect(posts(ucwa, from, '/me/presence')).toEqual([{ availability: 'Away' }]);
    expect(desired.at(-1)?.availability).toBe('Away');
    expect(presence.at(-1)?.availability).toBe('Away');
    await e.resetAvailability();
    expect(posts(ucwa, from, '/me/presence')).toEqual([{ availability: 'Away' }, {}]);
    expect(desired.at(-1)?.availability).toBeNull();
    expect(presence.at(-1)?.availability).toBe('Online');
    await e.dispose();
  });

  it('setNote POSTs the note and shows it once the server has it', async () => {
    const { e, ucwa, presence, desired } = await signedIn();
    const from = ucwa.count();
    await e.setNote('back at 3');
    expect(desired.at(-1)).toEqual({ availability: 'Busy', note: 'back at 3' });
    expect(posts(ucwa, from, '/me/note')).toEqual([{ message: 'back at 3' }]);
    expect(ucwa.server.note).toBe('back at 3');
    expect(presence.at(-1)).toEqual({ availability: 'Busy', note: 'back at 3' });
    await e.dispose();
  });

  it('reconcile() checks the application now and republishes an availability the server lost', async () => {
    const { e, ucwa, presence } = await signedIn();
    ucwa.server.availability = 'Away';
    const from = ucwa.count();
    e.reconcile();
    await settle();
    expect(ucwa.since(from).map((r) => r.key)).toContain(`GET ${APP_PATH}`);
    expect(posts(ucwa, from, '/me/presence')).toEqual([{ availability: 'Busy' }]);
    expect(ucwa.server.availability).toBe('Busy');
    expect(presence.at(-1)?.availability).toBe('Busy');
    await e.dispose();
  });

  it('setVisibleContacts() makes those contacts the ones the people feature reads first', async () => {
    const { e, people } = await signedIn();
    expect(people.latest()?.readFirst?.()).toEqual([]);
    e.setVisibleContacts(['sip:sara@contoso.com', 'sip:lee@contoso.com']);
    expect(people.latest()?.readFirst?.()).toEqual(['sip:sara@contoso.com', 'sip:lee@contoso.com']);
    await e.dispose();
  });

  it('the people feature reads through the engine’s authenticated client and hears reconcile()', async () => {
    const { e, ucwa, people } = await signedIn();
    const context = people.latest();
    if (!context) throw new Error('no people context while online');
    const from = ucwa.count();
    const answer = await firstValueFrom(context.client.request({ method: 'GET', href: `https://pool.contoso.com${APP_PATH}/people` }));
    expect(answer.status).toBe(200);
    expect(ucwa.since(from).map((r) => r.key)).toEqual([`GET ${APP_PATH}/people`]);
    let reconciles = 0;
    context.reconcile$?.subscribe(() => (reconciles += 1));
    e.reconcile();
    expect(reconciles).toBe(1);
    await e.dispose();
  });

  it('contacts$ and changes$ carry what the people feature reports for the application in use', async () => {
    const { e, people } = await signedIn();
    expect(people.latest()?.links.people['self']).toBe(`https://pool.contoso.com${APP_PATH}/people`);
    const lists: ContactList[] = [];
    const changes: Change[] = [];
    e.contacts$.subscribe((l) => lists.push(l));
    e.changes$.subscribe((c) => changes.push(c));
    people.contacts.next(LIST);
    const change: Change = { kind: 'contactPresenceChanged', at: 1, contact: 'Sara Davis', contactUri: 'sip:sara@contoso.com', availability: 'Busy' };
    people.changes.next(change);
    expect(lists.at(-1)).toEqual(LIST);
    expect(changes).toEqual([change]);
    await e.dispose();
  });

  it('the directory searches through the signed-in application’s people links', async () => {
    const { e, ucwa } = await signedIn();
    const from = ucwa.count();
    await e.directory.search('sara', 5).catch(() => undefined);
    expect(ucwa.since(from).map((r) => r.key)).toContain(`GET ${APP_PATH}/people/search?query=sara&limit=5`);
    await e.dispose();
  });

  it('signOut() deletes the application and leaves the engine signed out and offline', async () => {
    const { e, ucwa, states, presence } = await signedIn();
    const from = ucwa.count();
    await e.signOut();
    expect(ucwa.since(from).map((r) => r.key)).toEqual([`DELETE ${APP_PATH}`]);
    expect(states.at(-1)?.state).toBe('signedOut');
    expect(presence.at(-1)?.availability).toBe('Offline');
    await expect(e.directory.search('sara', 5)).rejects.toMatchObject({ reason: 'notSignedIn' });
    expect(ucwa.count()).toBe(from + 1);
    await e.dispose();
  });

  it('dispose() deletes the application, ends the streams and sends nothing afterwards', async () => {
    const { e, ucwa, states } = await signedIn();
    const from = ucwa.count();
    let completed = false;
    e.session$.subscribe({ complete: () => (completed = true) });
    await e.dispose();
    expect(ucwa.since(from).map((r) => r.key)).toEqual([`DELETE ${APP_PATH}`]);
    expect(states.at(-1)?.state).toBe('signedOut');
    expect(completed).toBe(true);
    const after = ucwa.count();
    await e.setAvailability('Away');
    e.reconcile();
    await settle();
    expect(ucwa.count()).toBe(after);
  });
});

describe('engine discovery under the admin policy', () => {
  it('falls back to http discovery only when the admin allows insecure http', async () => {
    for (const allowInsecureHttp of [false, true]) {
      const asked: string[] = [];
      const e = createEngine(
        unitEngineDeps((input) => {
          asked.push(input instanceof Request ? input.url : String(input));
          return Promise.reject(new TypeError('fetch failed'));
        }),
        { trust: { allowInsecureHttp } },
      );
      await expect(e.signIn({ address: 'dana@contoso.com', password: 'pw' })).rejects.toBeDefined();
      const https = ['https://lyncdiscoverinternal.contoso.com/', 'https://lyncdiscover.contoso.com/'];
      const http = ['http://lyncdiscoverinternal.contoso.com/', 'http://lyncdiscover.contoso.com/'];
      expect(asked).toEqual(allowInsecureHttp ? [...https, ...http] : https);
      await e.dispose();
    }
  });
});
