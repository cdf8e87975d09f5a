import { BehaviorSubject, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { appPushes, appStatus, type AppPush, type AppStatus } from '../../../../../main/core/app/app-pushes';
import { IPC, type ContactPatchBatch } from '../../../../../shared/ipc-contract';
import type { Change, MyPresence, SessionState } from '../../../../../shared/models';

describe('appPushes', () => {
  it('puts each source on its IPC channel with its value as payload', () => {
    const session$ = new Subject<SessionState>();
    const presence$ = new Subject<MyPresence>();
    const patches$ = new Subject<ContactPatchBatch>();
    const changes$ = new Subject<Change>();
    const watched$ = new Subject<readonly string[]>();
    const pushes: AppPush[] = [];
    appPushes({ session$, presence$, patches$, changes$, watched$ }).subscribe((push) => pushes.push(push));
    const change: Change = { kind: 'contactPresenceChanged', at: 1, contact: 'Ann', availability: 'Busy' };
    session$.next({ state: 'online' });
    presence$.next({ availability: 'Busy', note: '' });
    patches$.next({ seq: 1, patches: [] });
    changes$.next(change);
    watched$.next(['sip:a@x.com']);
    expect(pushes).toEqual([
      { channel: IPC.sessionChanged, payload: { state: 'online' } },
      { channel: IPC.presenceChanged, payload: { availability: 'Busy', note: '' } },
      { channel: IPC.contactsPatched, payload: { seq: 1, patches: [] } },
      { channel: IPC.changeAdded, payload: change },
      { channel: IPC.watchedChanged, payload: ['sip:a@x.com'] },
    ]);
  });
});

describe('appStatus', () => {
  it('emits the whole current status each time any source changes', () => {
    const a$ = new BehaviorSubject(1);
    const b$ = new Subject<string>();
    let now: AppStatus = { session: { state: 'signedOut' }, presence: { availability: 'Unknown', note: '' }, desired: { availability: null, note: '' }, timed: null };
    const seen: AppStatus[] = [];
    appStatus(() => now, [a$, b$]).subscribe((status) => seen.push(status));
    expect(seen).toEqual([now]);
    now = { ...now, session: { state: 'online' } };
    b$.next('x');
    expect(seen).toHaveLength(2);
    expect(seen[1]?.session).toEqual({ state: 'online' });
  });
});
