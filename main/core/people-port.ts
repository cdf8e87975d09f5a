import type { Observable } from 'rxjs';
import type { Change, ContactList } from '../../shared/models';
import type { PeopleContext } from './ucwa/people/people';

export type { PeopleContext } from './ucwa/people/people';

/**
 * The shape of `people(context$)` (helper E2's `ucwa/people/people.ts`): a new context per
 * application, `null` while signed out or reconnecting. Injectable so tests can replace it.
 */
export type PeopleFeature = (context$: Observable<PeopleContext | null>) => {
  readonly contacts$: Observable<ContactList>;
  readonly changes$: Observable<Change>;
};
