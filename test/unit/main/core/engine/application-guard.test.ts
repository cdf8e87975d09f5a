import { lastValueFrom, type Observable, of, throwError, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { applicationGuard } from '../../../../../main/core/engine/application-guard';
import type { RetryOptions } from '../../../../../main/core/ucwa/event-channel';
import { redactUrl } from '../../../../../main/core/ucwa/http-client';
import { UcwaError } from '../../../../../main/core/ucwa/ucwa-error';
import { recordingLogger, SELF } from './fake-client';

const SUB = `${SELF}/people/subscription`;
const notFound = (url: string) => new UcwaError('http', 'not found', { status: 404, subcode: 'ApplicationNotFound', url: redactUrl(url) });

function guard(probe: () => Observable<unknown>) {
  const { logger, lines } = recordingLogger();
  const options: RetryOptions = { scheduler: new VirtualTimeScheduler(), backoff: { baseMs: 1, maxMs: 1 }, random: () => 0 };
  return { guarded: applicationGuard(SELF, probe, options, logger), lines };
}

describe('application guard', () => {
  it('ends a stream quietly when a sub-resource is gone but the application answers', async () => {
    let probes = 0;
    const { guarded, lines } = guard(() => ((probes += 1), of(null)));
    await expect(lastValueFrom(guarded(throwError(() => notFound(SUB))), { defaultValue: 'ended' })).resolves.toBe('ended');
    expect(probes).toBe(1);
    expect(lines.map((l) => l.message)).toEqual(['a resource is gone but the application lives']);
  });

  it('passes the error on when the probe says the application is gone too', async () => {
    const { guarded } = guard(() => throwError(() => notFound(SELF)));
    await expect(lastValueFrom(guarded(throwError(() => notFound(SUB))))).rejects.toMatchObject({ status: 404 });
  });

  it('passes a gone application itself, and errors that are not "gone", on without probing', async () => {
    let probes = 0;
    const { guarded } = guard(() => ((probes += 1), of(null)));
    await expect(lastValueFrom(guarded(throwError(() => notFound(SELF))))).rejects.toMatchObject({ status: 404 });
    await expect(lastValueFrom(guarded(throwError(() => new UcwaError('http', 'no', { status: 401 }))))).rejects.toMatchObject({
      status: 401,
    });
    expect(probes).toBe(0);
  });

  it('lets values through untouched', async () => {
    const { guarded } = guard(() => of(null));
    await expect(lastValueFrom(guarded(of(1, 2, 3)))).resolves.toBe(3);
  });
});
