import { firstValueFrom, lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createPresencePublisher } from '../../../../../main/core/engine/presence-publisher';
import type { DesiredPresence, MyPresence } from '../../../../../shared/models';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';
import { APP, applicationBody, recordingLogger, ScriptedClient, SELF } from './fake-client';

const path = (href: string): string => new URL(href).pathname;
const PRESENCE = path(APP.me['presence']!);
const NOTE = path(APP.me['note']!);
const MMA = path(APP.me['makeMeAvailable']!);

function publisher(client: ScriptedClient) {
  const { logger, lines } = recordingLogger();
  const service = createPresencePublisher(client, logger);
  const shown: MyPresence[] = [];
  service.presence$.subscribe((p) => shown.push(p));
  return { service, shown, lines };
}

describe('presence publisher', () => {
  it('reads what the server shows into presence$', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Busy' }).on(`GET ${NOTE}`, { message: 'in a meeting' });
    const { service, shown } = publisher(client);
    await lastValueFrom(service.read$(APP));
    expect(shown).toEqual([
      { availability: 'Offline', note: '' },
      { availability: 'Busy', note: 'in a meeting' },
    ]);
  });

  it('republishes the chosen availability only when the server drifted, and reads the result', async () => {
    const client = new ScriptedClient()
      .on(`GET ${PRESENCE}`, { availability: 'Away' }, { availability: 'DoNotDisturb' })
      .on(`GET ${NOTE}`, { message: '' });
    const { service, lines } = publisher(client);
    service.choose({ availability: 'DoNotDisturb' });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.filter((c) => c.startsWith('POST'))).toEqual([`POST ${PRESENCE}`]);
    expect(client.bodies[client.calls.indexOf(`POST ${PRESENCE}`)]).toEqual({ availability: 'DoNotDisturb' });
    expect(lines.map((l) => l.message)).toContain('republishing availability');

    const steady = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'IdleOnline' }).on(`GET ${NOTE}`, { message: '' });
    const again = publisher(steady);
    again.service.choose({ availability: 'Online' });
    await lastValueFrom(again.service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(steady.calls.some((c) => c.startsWith('POST'))).toBe(false);
  });

  it('never republishes automatic presence', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Away' }).on(`GET ${NOTE}`, { message: '' });
    const { service } = publisher(client);
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.some((c) => c.startsWith('POST'))).toBe(false);
  });

  it('becomes available with the choice as signInAs and restores the note', async () => {
    const client = new ScriptedClient().on(`GET ${path(SELF)}`, applicationBody(APP.me));
    const { service } = publisher(client);
    service.choose({ availability: 'Busy', note: 'back at 3' });
    const app = await firstValueFrom(service.becomeAvailable$(APP));
    expect(app.me['presence']).toBe(APP.me['presence']);
    expect(client.calls).toEqual([`POST ${MMA}`, `GET ${path(SELF)}`, `POST ${NOTE}`]);
    expect(client.bodies[0]).toEqual({ SupportedModalities: ['Messaging'], signInAs: 'Busy' });
    expect(client.bodies[2]).toEqual({ message: 'back at 3' });
  });

  it('publishes the choice itself when the server says we already were available', async () => {
    const already = new UcwaError('http', 'exists', { status: 409, subcode: 'AlreadyExists' });
    const client = new ScriptedClient().on(`POST ${MMA}`, already).on(`GET ${path(SELF)}`, applicationBody(APP.me));
    const { service } = publisher(client);
    service.choose({ availability: 'Away' });
    await firstValueFrom(service.becomeAvailable$(APP));
    expect(client.calls).toEqual([`POST ${MMA}`, `GET ${path(SELF)}`, `POST ${PRESENCE}`]);
    expect(client.bodies[2]).toEqual({ availability: 'Away' });
  });

  it('writes availability and note, then reads back; without the link it sends nothing', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Busy' }).on(`GET ${NOTE}`, { message: 'x' });
    const { service, shown } = publisher(client);
    await lastValueFrom(service.writeAvailability$(APP, null));
    await lastValueFrom(service.writeNote$(APP, 'x'));
    expect(client.calls.filter((c) => c.startsWith('POST'))).toEqual([`POST ${PRESENCE}`, `POST ${NOTE}`]);
    expect(client.bodies[0]).toEqual({});
    expect(shown.at(-1)).toEqual({ availability: 'Busy', note: 'x' });
    const bare = new ScriptedClient();
    const none = publisher(bare);
    await lastValueFrom(none.service.writeNote$({ ...APP, me: {} }, 'y'), { defaultValue: undefined });
    expect(bare.calls).toEqual([]);
  });

  it('keeps the choice, goes offline keeping the note, and completes its streams on dispose', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Busy' }).on(`GET ${NOTE}`, { message: 'hi' });
    const { service, shown } = publisher(client);
    const desired: DesiredPresence[] = [];
    let completed = 0;
    service.desired$.subscribe({ next: (d) => desired.push(d), complete: () => (completed += 1) });
    service.presence$.subscribe({ complete: () => (completed += 1) });
    service.choose({ availability: 'Busy' });
    service.choose({ note: 'hi' });
    await lastValueFrom(service.read$(APP));
    service.markOffline();
    expect(desired.at(-1)).toEqual({ availability: 'Busy', note: 'hi' });
    expect(shown.at(-1)).toEqual({ availability: 'Offline', note: 'hi' });
    service.dispose();
    expect(completed).toBe(2);
  });
});

describe('presence publisher: the note nobody published yet', () => {
  it('republishes a chosen note whose write never happened, then stops once the server has it', async () => {
    const client = new ScriptedClient()
      .on(`GET ${PRESENCE}`, { availability: 'Online' })
      .on(`GET ${NOTE}`, { message: 'old' }, { message: 'new' });
    const { service, shown } = publisher(client);
    service.choose({ note: 'new' });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.filter((c) => c.startsWith('POST'))).toEqual([`POST ${NOTE}`]);
    expect(client.bodies[client.calls.indexOf(`POST ${NOTE}`)]).toEqual({ message: 'new' });
    expect(shown.at(-1)).toEqual({ availability: 'Online', note: 'new' });
    const before = client.calls.length;
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.slice(before)).toEqual([`GET ${PRESENCE}`, `GET ${NOTE}`]);
  });

  it('takes a server that already shows the chosen note as published', async () => {
    const client = new ScriptedClient()
      .on(`GET ${PRESENCE}`, { availability: 'Online' })
      .on(`GET ${NOTE}`, { message: 'same' }, { message: 'other' });
    const { service } = publisher(client);
    service.choose({ note: 'same' });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.some((c) => c.startsWith('POST'))).toBe(false);
  });

  it('publishes an unpublished note even when it is empty, and leaves an unchosen note alone', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Online' }).on(`GET ${NOTE}`, { message: 'set elsewhere' });
    const { service } = publisher(client);
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.some((c) => c.startsWith('POST'))).toBe(false);
    service.choose({ note: '' });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.filter((c) => c.startsWith('POST'))).toEqual([`POST ${NOTE}`]);
    expect(client.bodies[client.calls.indexOf(`POST ${NOTE}`)]).toEqual({ message: '' });
  });

  it('a new sign-in forgets the unpublished note; choosing availability alone does not mark it', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Online' }).on(`GET ${NOTE}`, { message: 'server' });
    const { service } = publisher(client);
    service.choose({ note: 'mine' });
    service.begin({ availability: 'Online', note: 'mine' });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    service.choose({ availability: 'Online' });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.some((c) => c.startsWith('POST'))).toBe(false);
  });

  it('a note write that is overtaken by a newer choice leaves the newer one unpublished', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Online' }).on(`GET ${NOTE}`, { message: 'first' });
    const { service } = publisher(client);
    service.choose({ note: 'second' });
    await lastValueFrom(service.writeNote$(APP, 'first'));
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    const posts = client.calls.map((c, i) => [c, client.bodies[i]] as const).filter(([c]) => c === `POST ${NOTE}`);
    expect(posts.map(([, body]) => body)).toEqual([{ message: 'first' }, { message: 'second' }]);
  });

  it('a written note that matches the choice is published: the next republish sends nothing', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Online' }).on(`GET ${NOTE}`, { message: 'server' });
    const { service } = publisher(client);
    service.choose({ note: 'mine' });
    await lastValueFrom(service.writeNote$(APP, 'mine'));
    const before = client.calls.length;
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(client.calls.slice(before)).toEqual([`GET ${PRESENCE}`, `GET ${NOTE}`]);
  });
});

describe('presence publisher: links the application may lack', () => {
  it('reads keep the last known value for a missing presence or note link', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Busy' }).on(`GET ${NOTE}`, { message: 'n' });
    const { service, shown } = publisher(client);
    await lastValueFrom(service.read$(APP));
    await lastValueFrom(service.read$({ ...APP, me: { note: APP.me['note']! } }));
    expect(shown.at(-1)).toEqual({ availability: 'Busy', note: 'n' });
    await lastValueFrom(service.read$({ ...APP, me: { presence: APP.me['presence']! } }));
    expect(shown.at(-1)).toEqual({ availability: 'Busy', note: 'n' });
    expect(client.calls).toEqual([`GET ${PRESENCE}`, `GET ${NOTE}`, `GET ${NOTE}`, `GET ${PRESENCE}`]);
  });

  it('does not republish through a missing link', async () => {
    const client = new ScriptedClient().on(`GET ${NOTE}`, { message: 'server' });
    const { service } = publisher(client);
    service.choose({ availability: 'Busy' });
    await lastValueFrom(service.republishIfDrifted$({ ...APP, me: { note: APP.me['note']! } }), { defaultValue: undefined });
    service.choose({ note: 'mine' });
    await lastValueFrom(service.republishIfDrifted$({ ...APP, me: {} }), { defaultValue: undefined });
    expect(client.calls.some((c) => c.startsWith('POST'))).toBe(false);
    const all = await lastValueFrom(service.writeAvailability$({ ...APP, me: {} }, 'Busy'), { defaultValue: 'none' });
    expect(all).toBe('none');
  });

  it('without makeMeAvailable publishes the chosen availability itself; automatic publishes nothing', async () => {
    const noMma = { presence: APP.me['presence']!, note: APP.me['note']! };
    const client = new ScriptedClient().on(`GET ${path(SELF)}`, applicationBody(noMma));
    const { service } = publisher(client);
    service.choose({ availability: 'Away' });
    await firstValueFrom(service.becomeAvailable$({ ...APP, me: noMma }));
    expect(client.calls).toEqual([`GET ${path(SELF)}`, `POST ${PRESENCE}`]);
    expect(client.bodies[1]).toEqual({ availability: 'Away' });

    const auto = new ScriptedClient().on(`GET ${path(SELF)}`, applicationBody(noMma));
    const second = publisher(auto);
    await firstValueFrom(second.service.becomeAvailable$({ ...APP, me: noMma }));
    expect(auto.calls).toEqual([`GET ${path(SELF)}`]);
  });

  it('becoming available restores an unpublished empty note, and sends nothing where the links are missing', async () => {
    const client = new ScriptedClient().on(`GET ${path(SELF)}`, applicationBody(APP.me));
    const { service } = publisher(client);
    service.choose({ note: '' });
    await firstValueFrom(service.becomeAvailable$(APP));
    expect(client.calls).toEqual([`POST ${MMA}`, `GET ${path(SELF)}`, `POST ${NOTE}`]);
    expect(client.bodies[2]).toEqual({ message: '' });

    const bare = new ScriptedClient().on(`POST ${MMA}`, new UcwaError('http', 'exists', { status: 409, subcode: 'AlreadyExists' })).on(`GET ${path(SELF)}`, applicationBody({ makeMeAvailable: APP.me['makeMeAvailable']! }));
    const other = publisher(bare);
    other.service.choose({ availability: 'Busy', note: 'x' });
    const app = await firstValueFrom(other.service.becomeAvailable$(APP));
    expect(bare.calls).toEqual([`POST ${MMA}`, `GET ${path(SELF)}`]);
    expect(app.me['presence']).toBeUndefined();
  });

  it('logs the drifted availability it replaces', async () => {
    const client = new ScriptedClient().on(`GET ${PRESENCE}`, { availability: 'Away' }).on(`GET ${NOTE}`, { message: '' });
    const { service, lines } = publisher(client);
    service.choose({ availability: 'Busy' });
    await lastValueFrom(service.republishIfDrifted$(APP), { defaultValue: undefined });
    expect(lines).toContainEqual({ level: 'info', message: 'republishing availability', fields: { server: 'Away' } });
  });
  it('becoming available restores the note a sign-in starts with, though it was never chosen here', async () => {
    const client = new ScriptedClient().on(`GET ${path(SELF)}`, applicationBody(APP.me));
    const { service } = publisher(client);
    service.begin({ note: 'saved note' });
    await firstValueFrom(service.becomeAvailable$(APP));
    expect(client.calls).toEqual([`POST ${MMA}`, `GET ${path(SELF)}`, `POST ${NOTE}`]);
    expect(client.bodies[2]).toEqual({ message: 'saved note' });
  });
});
