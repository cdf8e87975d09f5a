import { firstValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../../../main/core/ports';
import { createApplicationOwner } from '../../../../../main/core/ucwa/application-lifecycle';
import { APPS, FakeApplicationServer as FakeServer, IDENTITY } from './fake-application-server';

function recordingLogger() {
  const lines: { level: string; message: string; fields: unknown }[] = [];
  const logger: Logger = { log: (level, message, fields) => lines.push({ level, message, fields }) };
  return { logger, lines };
}

describe('application owner, deletion edges', () => {
  it('410 on a DELETE also means already gone, and says nothing', async () => {
    const server = new FakeServer();
    server.deleteAnswers.push(410);
    const { logger, lines } = recordingLogger();
    const owner = createApplicationOwner(server, logger);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1']);
    expect(lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  it('warns (with the error) when a DELETE fails for another reason, and keeps the application to retry', async () => {
    const server = new FakeServer();
    server.deleteAnswers.push(500);
    const { logger, lines } = recordingLogger();
    const owner = createApplicationOwner(server, logger);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    const warns = lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(1);
    expect(warns[0]?.message).toMatch(/could not delete/);
    expect(warns[0]?.fields).toMatchObject({ error: expect.any(String) });
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1', 'DELETE ~/1']);
  });

  it('deleteAll$ gives its DELETEs the caller’s deadline; the DELETEs before a create use the client default', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, recordingLogger().logger);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(false);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    await firstValueFrom(owner.deleteAll$(1_234), { defaultValue: undefined });
    expect(server.requests.map((r) => [r.method, r.timeoutMs])).toEqual([
      ['POST', undefined],
      ['DELETE', undefined],
      ['POST', undefined],
      ['DELETE', 1_234],
    ]);
    expect(server.requests.every((r) => !('timeoutMs' in r) || r.timeoutMs !== undefined)).toBe(true);
  });

  it('deleteAll$ answers once, and the owner no longer has a current application', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, recordingLogger().logger);
    const app = await firstValueFrom(owner.create$(APPS, IDENTITY));
    expect(owner.current).toEqual(app);
    expect(await firstValueFrom(owner.deleteAll$(5_000).pipe(toArray()))).toEqual([undefined]);
    expect(owner.current).toBeUndefined();
  });

  it('create$ answers exactly the new application, once', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, recordingLogger().logger);
    const all = await firstValueFrom(owner.create$(APPS, IDENTITY).pipe(toArray()));
    expect(all.map((a) => a.self)).toEqual(['https://pool.contoso.com/ucwa/oauth/v1/applications/1']);
  });

  it('retire(true) forgets the current application without deleting it', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, recordingLogger().logger);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(true);
    expect(owner.current).toBeUndefined();
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual(['POST ~']);
  });

  it('a DELETE that succeeds is not repeated', async () => {
    const server = new FakeServer();
    const owner = createApplicationOwner(server, recordingLogger().logger);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    owner.retire(false);
    await firstValueFrom(owner.create$(APPS, IDENTITY));
    await firstValueFrom(owner.deleteAll$(5_000), { defaultValue: undefined });
    expect(server.calls).toEqual(['POST ~', 'DELETE ~/1', 'POST ~', 'DELETE ~/2']);
  });
});
