import type { Application } from './application';
import type { Person } from './directory';
import { links } from './hal';

/**
 * me/phones (phones_ref): the numbers the address book publishes for the user, plus the one
 * makeMeAvailable gave, each a `phone` with `number`, `type` and `includeInContactCard`.
 */
export function phonesResource(app: Application, me: Person): Record<string, unknown> {
  const h = app.hrefs;
  const phone = (type: string, number: string): Record<string, unknown> => ({
    number,
    type,
    includeInContactCard: type !== 'Other',
    _links: links([['self', `${h.phones}/${type.toLowerCase()}`]]),
    rel: 'phone',
  });
  const list: Record<string, unknown>[] = [];
  if (me.workPhoneNumber) list.push(phone('Work', me.workPhoneNumber));
  if (me.mobilePhoneNumber) list.push(phone('Mobile', me.mobilePhoneNumber));
  if (app.phoneNumber) list.push(phone('Other', app.phoneNumber));
  return { _links: links([['self', h.phones]]), _embedded: { phone: list }, rel: 'phones' };
}

/**
 * me/callForwardingSettings (callForwardingSettings_ref): forwarding off — `activeSetting` is a
 * CallForwardingState (ImmediateForward, SimultaneousRing) and absent while nothing forwards —
 * with the settings links a real pool offers. Read-only here.
 */
export function callForwardingSettingsResource(app: Application): Record<string, unknown> {
  const base = app.hrefs.callForwardingSettings;
  return {
    _links: links([
      ['self', base],
      ['immediateForwardSettings', `${base}/immediateForwardSettings`],
      ['simultaneousRingSettings', `${base}/simultaneousRingSettings`],
      ['unansweredCallSettings', `${base}/unansweredCallSettings`],
    ]),
    rel: 'callForwardingSettings',
  };
}
