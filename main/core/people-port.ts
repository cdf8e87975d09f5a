import type { Observable, SchedulerLike } from 'rxjs';
import type { Change, ContactList } from '../../shared/models';
import type { Logger } from './ports';
import type { ResourceClient } from './ucwa/resource-client';
import type { UcwaEvent } from './ucwa/ucwa-event';

/**
 * What the engine hands to the people feature (helper E2's `ucwa/people/people.ts`) for each
 * application. Declared here too so the engine compiles without it; the shapes are identical.
 */
export interface PeopleContext {
  readonly client: ResourceClient;
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  /** Absolute hrefs: application `_embedded.people._links` (rel → href) and application `_links.batch`. */
  readonly links: { readonly people: Readonly<Record<string, string>>; readonly batch: string | undefined };
  /** Every event from the event channel, in order (all senders). */
  readonly events$: Observable<UcwaEvent>;
  /** 'resync' (re-read transient state) or 'resume' (re-create subscriptions), as the channel says. */
  readonly channelReset$: Observable<'resync' | 'resume'>;
}

/** `people(context$)`: a new context per application, `null` while signed out or reconnecting. */
export type PeopleFeature = (context$: Observable<PeopleContext | null>) => {
  readonly contacts$: Observable<ContactList>;
  readonly changes$: Observable<Change>;
};
