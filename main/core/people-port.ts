import type { Observable } from 'rxjs';
import type { Change, ContactList, SessionError } from '../../shared/models';
import type { PeopleContext } from './ucwa/people/people';

export type { PeopleContext } from './ucwa/people/people';

/**
 * The shape of `people(context$)` (`ucwa/people/people.ts`): a new context per
 * application, `null` while signed out or reconnecting. Injectable so tests can replace it.
 */
export type PeopleFeature = (context$: Observable<PeopleContext | null>) => {
  readonly contacts$: Observable<ContactList>;
  readonly changes$: Observable<Change>;
  /** Why the list stopped, when only the user can fix it or a programming error was hit. */
  readonly failure$?: Observable<SessionError>;
};
