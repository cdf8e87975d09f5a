import { defer, of } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { isUserActive, reportActivity$ } from '../../../../../main/core/ucwa/report-activity';
import type { ResourceClient, ResourceRequest } from '../../../../../main/core/ucwa/resource-client';

describe('reportActivity$ (virtual time)', () => {
  it('reports at most once per period, only while the user is active', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(({ expectObservable }) => {
      const posts: ResourceRequest[] = [];
      const client: ResourceClient = {
        request: (request) =>
          defer(() => {
            posts.push(request);
            return of({ url: request.href, status: 204, headers: {}, body: null, text: '' });
          }),
      };
      // Active, active, idle for 10 minutes, active again.
      const idleSeconds = [0, 30, 600, 5];
      let tick = 0;
      const idle = { idleSeconds: () => idleSeconds[Math.min(tick++, idleSeconds.length - 1)]! };
      expectObservable(reportActivity$(client, 'https://a/me/reportMyActivity', idle, scheduler, 180_000), '^ 10m !').toBe(
        'a 179999ms b 359999ms c',
        { a: undefined, b: undefined, c: undefined },
      );
      scheduler.flush();
      expect(posts.every((p) => p.method === 'POST' && p.href === 'https://a/me/reportMyActivity')).toBe(true);
    });
  });

  it('counts the user active while idle time is under one period', () => {
    expect(isUserActive(179)).toBe(true);
    expect(isUserActive(180)).toBe(false);
  });
});
