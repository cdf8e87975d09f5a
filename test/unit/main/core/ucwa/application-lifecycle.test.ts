import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../../main/core/ports';
import { createApplicationOwner } from '../../../../../main/core/ucwa/application-lifecycle';
import { APPS, FakeApplicationServer as FakeServer, IDENTITY } from './fake-application-server';

const quiet: Logger = { log: () => undefined };

describe('application owner', () => {
  it('deletes the application it stopped using before creating the next one', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(false);
    const second = await firstValueFrom(owner.create$(APPS, IDENTITY));
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1', 'POST ~']);
    expect(owner.current?.self).toBe(second.self);
  });

  it('does not delete an application the server already ended', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(true);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    expect(server.calls).toEqual(['POST ~', 'POST ~']);
  });

  it('a DELETE that fails is tried again right after the new application exists, and at the end', async () => {
    const server = new FakeServer();
    server.deleteAnswers.push(503, 503);
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(false);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1', 'POST ~', 'DELETE ~/1']);
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls.slice(4)).toEqual(['DELETE ~/1', 'DELETE ~/2']);
    server.requests.length = 0;
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual([]); // nothing left to delete
  });

  it('404 on a DELETE means already gone: not tried again', async () => {
    const server = new FakeServer();
    server.deleteAnswers.push(404);
    const owner = createApplicationOwner(server, quiet);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1']);
  });
});
