import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { memorySettings } from '../../../../../main/core/app/app-settings';
import { createNotifications } from '../../../../../main/core/app/notifications';
import { translator } from '../../../../../shared/i18n';
import type { Change, SessionState } from '../../../../../shared/models';

function setup(notifications = true) {
  const session$ = new BehaviorSubject<SessionState>({ state: 'signedOut' });
  const changes$ = new Subject<Change>();
  const shown: string[] = [];
  const service = createNotifications({
    settings: memorySettings({ notifications }),
    notifier: { notify: (title, body) => shown.push(`${title} | ${body}`) },
    session$,
    changes$,
    watched: () => ['sip:ann@contoso.com'],
  });
  return { session$, changes$, shown, service };
}

const online: SessionState = { state: 'online' };
const wrong: SessionState = { state: 'error', error: { reason: 'wrongPassword', message: 'x' } };
const annOnline: Change = { kind: 'contactPresenceChanged', at: 1, contact: 'Ann', contactUri: 'sip:ann@contoso.com', availability: 'Online' };

describe('createNotifications', () => {
  it('tells of a server sign-out, and of a watched contact becoming available', () => {
    const { session$, changes$, shown } = setup();
    session$.next(online);
    session$.next({ state: 'signedOut' });
    changes$.next(annOnline);
    changes$.next({ ...annOnline, contactUri: 'sip:bob@contoso.com', contact: 'Bob' });
    expect(shown).toEqual([
      'Signed out of Skype for Business | Sign in again from the tray menu.',
      'Ann is available | You asked to be told when they are available.',
    ]);
  });

  it('says nothing for the first session value or when notifications are off', () => {
    const quiet = setup(false);
    quiet.session$.next(online);
    quiet.session$.next(wrong);
    quiet.changes$.next(annOnline);
    expect(quiet.shown).toEqual([]);
    const first = new BehaviorSubject<SessionState>(wrong);
    const shown: string[] = [];
    createNotifications({ settings: memorySettings(), notifier: { notify: (title) => shown.push(title) }, session$: first, changes$: new Subject(), watched: () => [] });
    expect(shown).toEqual(['Signed out of Skype for Business']);
  });

  it("the user's own sign-out is silent until the session is online again", () => {
    const { session$, shown, service } = setup();
    session$.next(online);
    service.userSignOut(true);
    session$.next({ state: 'signedOut' });
    session$.next(wrong);
    expect(shown).toEqual([]);
    session$.next(online);
    session$.next({ state: 'signedOut' });
    expect(shown).toHaveLength(1);
    service.userSignOut(true);
    service.userSignOut(false);
    session$.next(online);
    session$.next(wrong);
    expect(shown).toHaveLength(2);
  });

  it('words notifications in the language in force', () => {
    const session$ = new BehaviorSubject<SessionState>(online);
    const shown: string[] = [];
    createNotifications({
      settings: memorySettings(),
      notifier: { notify: (title) => shown.push(title) },
      session$,
      changes$: new Subject(),
      watched: () => [],
      messages: () => translator('de'),
    });
    session$.next({ state: 'signedOut' });
    expect(shown).toHaveLength(1);
    expect(shown[0]).toBe(translator('de').t('notifications.signedOutTitle'));
    expect(shown[0]).not.toBe('Signed out of Skype for Business');
  });

  it('stops once disposed', () => {
    const { session$, changes$, shown, service } = setup();
    session$.next(online);
    service.dispose();
    session$.next({ state: 'signedOut' });
    changes$.next(annOnline);
    expect(shown).toEqual([]);
  });
});
