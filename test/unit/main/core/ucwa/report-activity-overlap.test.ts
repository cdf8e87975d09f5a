import { Subject, type Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { isUserActive, REPORT_ACTIVITY_PERIOD_MS, reportActivity$ } from '../../../../../main/core/ucwa/report-activity';
import type { ResourceClient, ResourceResponse } from '../../../../../main/core/ucwa/resource-client';

describe('reportActivity$, a slow server', () => {
  it('never sends a second report while one is still waiting for its answer', () => {
    const scheduler = new TestScheduler((a, e) => expect(a).toEqual(e));
    scheduler.run(() => {
      const pending: Subject<ResourceResponse>[] = [];
      const client: ResourceClient = {
        request: (): Observable<ResourceResponse> => {
          const answer = new Subject<ResourceResponse>();
          pending.push(answer);
          return answer;
        },
      };
      const emitted: number[] = [];
      const subscription = reportActivity$(client, 'https://a/r', { idleSeconds: () => 0 }, scheduler, 1_000).subscribe(() => emitted.push(scheduler.now()));
      scheduler.schedule(() => {
        expect(pending).toHaveLength(1); // three ticks passed, still one request
        pending[0]!.next({ url: 'https://a/r', status: 204, headers: {}, body: null, text: '' });
        pending[0]!.complete();
      }, 3_500);
      scheduler.schedule(() => subscription.unsubscribe(), 4_500);
      scheduler.flush();
      expect(emitted).toEqual([3_500]);
      expect(pending).toHaveLength(2); // the tick at 4 000 sent the next one
    });
  });

  it('uses the three-minute period by default', () => {
    expect(REPORT_ACTIVITY_PERIOD_MS).toBe(180_000);
    expect(isUserActive(179.999)).toBe(true);
    expect(isUserActive(0, 1_000)).toBe(true);
    expect(isUserActive(1, 1_000)).toBe(false);
  });
});
