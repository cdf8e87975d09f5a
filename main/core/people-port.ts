import type { Observable, SchedulerLike } from 'rxjs';
import type { Change, ContactList, SessionError } from '../../shared/models';
import type { Logger } from './ports';
import type { BackoffPolicy } from './session/backoff';
import type { ResourceClient } from './ucwa/resource-client';
import type { UcwaEvent } from './ucwa/ucwa-event';

/**
 * What the people feature reads through, per application: the engine builds it, the feature
 * (`ucwa/people/people.ts`) consumes it.
 */
export interface PeopleContext {
  readonly client: ResourceClient;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Absolute hrefs: application `_embedded.people._links` (rel → href) and application `_links.batch`. */
  readonly links: { readonly people: Readonly<Record<string, string>>; readonly batch: string | undefined };
  /** Every event from the event channel, in order (all senders; people filters what it needs). */
  readonly events$: Observable<UcwaEvent>;
  /** Emits 'resync' (re-read transient state) or 'resume' (re-create subscriptions) as the channel says. */
  readonly channelReset$: Observable<'resync' | 'resume'>;
  /** Asks for the subscriptions to be checked now (the engine's `reconcile()`). */
  readonly reconcile$?: Observable<void>;
  /** The session's backoff policy and jitter source, so people backs off as the rest of the session does. */
  readonly backoff?: BackoffPolicy;
  readonly random?: () => number;
  /**
   * The contacts whose presence is read first at sign-in: the rows the window shows and the
   * watched ones. Asked when the list structure is known; without it, engine group order decides.
   */
  readonly readFirst?: () => readonly string[];
}

/**
 * The people feature as the engine uses it: a new context per application, `null` while signed
 * out or reconnecting. Implemented by `people(context$)` in `ucwa/people/people.ts`; injectable so
 * tests can replace it.
 */
export type PeopleFeature = (context$: Observable<PeopleContext | null>) => {
  readonly contacts$: Observable<ContactList>;
  readonly changes$: Observable<Change>;
  /** Why the list stopped, when only the user can fix it or a programming error was hit. */
  readonly failure$?: Observable<SessionError>;
};
