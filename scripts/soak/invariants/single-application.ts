import type { Truth } from '../truth';
import type { Violation } from './violation';

/** At most one live application on the server for our EndpointId. Pure. */
export function singleApplication(truth: Truth, endpointId: string): Violation[] {
  const ours = truth.applications.filter((a) => a.endpointId === endpointId);
  if (ours.length <= 1) return [];
  const shown = ours.map((a) => `${a.id}${a.available ? ' (available)' : ''}`).join(', ');
  return [{ invariant: 'singleApplication', detail: `${ours.length} live applications for endpoint ${endpointId}: ${shown}` }];
}
