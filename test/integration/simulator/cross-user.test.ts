/**
 * Presence seen by other people (seed 000: "this presence is now being shared with other contacts";
 * ucwa-protocol.md §4.3, §6.4, §6.7): two users of the demo directory, each with an application.
 * Sara Davis (`sarad@contoso.com`, password from test/simulator/README.md) has Dana in her contact list.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventReader, type FlatEvent } from './support/events';
import { link, obj } from './support/json';
import { DANA, Sim } from './support/sim';
import { Session, type App } from './support/ucwa';

const SARA = { user: 'sarad@contoso.com', password: 'Passw0rd!' };

let sim: Sim;
let dana: Session;
let sara: Session;
let danaApp: App;
let saraApp: App;
let danaPresenceHref: string;
beforeEach(async () => {
  sim = await Sim.start({ inactiveTimeoutSeconds: 60, awayTimeoutSeconds: 120, appReapSeconds: 36_000 });
  dana = await Session.signIn(sim);
  sara = await Session.signIn(sim, SARA.user, SARA.password);
  danaApp = await dana.createApp();
  saraApp = await sara.createApp();
  const danaContact = (await saraApp.contacts()).find(({ contact }) => String(contact['uri']).toLowerCase() === DANA.sip);
  if (danaContact === undefined) throw new Error('Dana is not in Sara\'s contact list');
  danaPresenceHref = link(danaContact.contact, 'contactPresence', danaContact.base);
});
afterEach(async () => {
  await sim.stop();
});

async function danaAsSaraSeesIt(): Promise<unknown> {
  const reply = await sara.get(danaPresenceHref);
  expect(reply.status).toBe(200);
  return obj(reply.json)['availability'];
}

const danaChanged = (e: FlatEvent) => e.rel === 'contactPresence' && e.type === 'updated' && e.href === danaPresenceHref;

describe('presence shared with contacts', () => {
  it('shows Dana Offline to Sara until Dana\'s application is made available, then Online', async () => {
    expect(await danaAsSaraSeesIt()).toBe('Offline');
    await danaApp.makeAvailable();
    expect(await danaAsSaraSeesIt()).toBe('Online');
  });

  it('sends Sara a contactPresence event when Dana publishes Busy', async () => {
    await danaApp.makeAvailable();
    const created = await sara.post(saraApp.peopleLink('presenceSubscriptions'), { duration: 30, uris: [DANA.sip] });
    expect(created.status).toBe(201);
    const events = new EventReader(sara, saraApp.eventsUrl);
    await events.drain();
    expect((await dana.post(danaApp.meLink('presence'), { availability: 'Busy' })).status).toBe(204);
    await events.until(danaChanged, 2, [6, 16]);
    expect(await danaAsSaraSeesIt()).toBe('Busy');
  });

  it('shows Dana as IdleOnline to Sara when Dana stops reporting activity', async () => {
    await danaApp.makeAvailable();
    await sim.advance(61);
    expect(await danaAsSaraSeesIt()).toBe('IdleOnline');
  });

  it('shows Dana Offline again once Dana signs out (DELETE application)', async () => {
    await danaApp.makeAvailable();
    expect((await dana.delete(danaApp.self)).status).toBe(204);
    expect(await danaAsSaraSeesIt()).toBe('Offline');
  });

  it('does not let Sara use Dana\'s application', async () => {
    const reply = await sara.get(danaApp.self);
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
  });
});
