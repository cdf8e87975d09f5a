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
