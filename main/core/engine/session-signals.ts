import { type Observable, type SchedulerLike, share, Subject } from 'rxjs';
import type { Disposable } from '../lifetime/disposable-store';
import type { Logger } from '../ports';
import { type ChannelReset, paceResets } from '../session/reset-pacing';
import type { ChannelMessage } from '../ucwa/event-channel';
import type { UcwaEvent } from '../ucwa/ucwa-event';

/**
 * What the session's parts react to, for the engine's lifetime: the server's events, the event
 * channel's resets (paced, so people and the presence republish follow one pace) and the user's
 * or the system's requests to reconcile now.
 */
export interface SessionSignals extends Disposable {
  /** Every event from the event channel, in order. */
  readonly events$: Observable<UcwaEvent>;
  /** The channel's resets, paced and shared by everyone who re-reads on a reset. */
  readonly resets$: Observable<ChannelReset>;
  readonly reconcile$: Observable<void>;
  /** Hands on one channel message; true when its events say my presence or note changed. */
  deliver(message: ChannelMessage): boolean;
  reconcile(): void;
}

export function createSessionSignals(scheduler: SchedulerLike, logger: Logger, resetMinIntervalMs: number): SessionSignals {
  const events = new Subject<UcwaEvent>();
  const resets = new Subject<ChannelReset>();
  const reconcileRequests = new Subject<void>();
  return {
    events$: events.asObservable(),
    resets$: resets.pipe(paceResets(resetMinIntervalMs, scheduler), share()),
    reconcile$: reconcileRequests.asObservable(),
    deliver: (message) => {
      if (message.kind !== 'events') {
        logger.log('info', 'event channel reset', { kind: message.kind });
        resets.next(message.kind);
        return false;
      }
      for (const event of message.events) events.next(event);
      return message.events.some(isAboutMyPresence);
    },
    reconcile: () => reconcileRequests.next(),
    dispose: () => {
      events.complete();
      resets.complete();
      reconcileRequests.complete();
    },
  };
}

function isAboutMyPresence(event: UcwaEvent): boolean {
  return event.sender.rel === 'me' && ['presence', 'note', 'me'].includes(event.link.rel);
}
