import { NEVER } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createEngineMirror } from '../../../../../main/core/app/engine-mirror';
import { FakeEngine } from './fake-engine';

describe('createEngineMirror', () => {
  it('starts signed out, presence unknown and the given desired presence, then follows the engine', async () => {
    const engine = new FakeEngine();
    // The fake replays its own initial values; a mirror over an engine that said nothing yet shows the defaults.
    const silent = createEngineMirror(Object.assign(new FakeEngine(), { session$: NEVER, presence$: NEVER, desired$: NEVER }), {
      availability: 'Busy',
      note: 'n',
    });
    expect(silent.session$.value).toEqual({ state: 'signedOut' });
    expect(silent.presence$.value).toEqual({ availability: 'Unknown', note: '' });
    expect(silent.desired$.value).toEqual({ availability: 'Busy', note: 'n' });

    const mirror = createEngineMirror(engine, { availability: 'Busy', note: '' });
    await engine.signIn({ address: 'a@b.c', password: 'p' }, { availability: 'Away', note: 'hi' });
    expect(mirror.session$.value).toEqual({ state: 'online' });
    expect(mirror.presence$.value).toEqual({ availability: 'Away', note: 'hi' });
    expect(mirror.desired$.value).toEqual({ availability: 'Away', note: 'hi' });
  });

  it('stops following the engine once disposed', () => {
    const engine = new FakeEngine();
    const mirror = createEngineMirror(engine, { availability: null, note: '' });
    mirror.dispose();
    engine.session$.next({ state: 'online' });
    engine.presence$.next({ availability: 'Busy', note: '' });
    engine.desired$.next({ availability: 'Busy', note: '' });
    expect(mirror.session$.value).toEqual({ state: 'signedOut' });
    expect(mirror.presence$.value.availability).toBe('Unknown');
    expect(mirror.desired$.value.availability).toBeNull();
  });
});
