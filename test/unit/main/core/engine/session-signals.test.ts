import { VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createSessionSignals } from '../../../../../main/core/engine/session-signals';
import type { UcwaEvent } from '../../../../../main/core/ucwa/ucwa-event';
import { recordingLogger } from './fake-client';

const event = (sender: string, rel: string): UcwaEvent =>
  ({ sender: { rel: sender, href: `/${sender}` }, link: { rel, href: `/${rel}` }, type: 'updated' });

describe('session signals', () => {
  it('hands on events in order and says when they are about my presence or note', () => {
    const { logger } = recordingLogger();
    const signals = createSessionSignals(new VirtualTimeScheduler(), logger, 10_000);
    const seen: string[] = [];
    signals.events$.subscribe((e) => seen.push(`${e.sender.rel}/${e.link.rel}`));
    expect(signals.deliver({ kind: 'events', events: [event('people', 'contact'), event('people', 'presence')] })).toBe(false);
    expect(signals.deliver({ kind: 'events', events: [event('me', 'note')] })).toBe(true);
    expect(signals.deliver({ kind: 'events', events: [event('me', 'presence')] })).toBe(true);
    expect(seen).toEqual(['people/contact', 'people/presence', 'me/note', 'me/presence']);
  });

  it('paces resets: the first passes at once, the ones in the interval are merged into one', () => {
    const scheduler = new VirtualTimeScheduler();
    const { logger, lines } = recordingLogger();
    const signals = createSessionSignals(scheduler, logger, 10_000);
    const first: string[] = [];
    const second: string[] = [];
    signals.resets$.subscribe((r) => first.push(r));
    signals.resets$.subscribe((r) => second.push(r));
    expect(signals.deliver({ kind: 'resync' })).toBe(false);
    signals.deliver({ kind: 'resync' });
    signals.deliver({ kind: 'resume' });
    expect(first).toEqual(['resync']);
    scheduler.flush();
    expect(first).toEqual(['resync', 'resume']);
    expect(second).toEqual(first);
    expect(lines.filter((l) => l.message === 'event channel reset').map((l) => l.fields?.['kind'])).toEqual(['resync', 'resync', 'resume']);
  });

  it('passes reconcile requests on and completes everything on dispose', () => {
    const signals = createSessionSignals(new VirtualTimeScheduler(), recordingLogger().logger, 0);
    let reconciles = 0;
    let completed = 0;
    signals.reconcile$.subscribe({ next: () => (reconciles += 1), complete: () => (completed += 1) });
    signals.events$.subscribe({ complete: () => (completed += 1) });
    signals.resets$.subscribe({ complete: () => (completed += 1) });
    signals.reconcile();
    signals.dispose();
    expect(reconciles).toBe(1);
    expect(completed).toBe(3);
  });
});
