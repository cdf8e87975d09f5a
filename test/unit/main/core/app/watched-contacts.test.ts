import { describe, expect, it } from 'vitest';
import { memorySettings } from '../../../../../main/core/app/app-settings';
import { createWatchedContacts } from '../../../../../main/core/app/watched-contacts';

describe('createWatchedContacts', () => {
  it('starts from the saved list, adds at the end without duplicates, removes, and saves each change', () => {
    const settings = memorySettings({ watchedContacts: ['sip:a@x.com'] });
    const watched = createWatchedContacts(settings);
    const seen: (readonly string[])[] = [];
    watched.watched$.subscribe((list) => seen.push(list));
    watched.watch({ uri: 'sip:b@x.com', watch: true });
    watched.watch({ uri: 'sip:a@x.com', watch: true });
    expect(watched.value()).toEqual(['sip:b@x.com', 'sip:a@x.com']);
    watched.watch({ uri: 'sip:b@x.com', watch: false });
    expect(settings.get('watchedContacts')).toEqual(['sip:a@x.com']);
    expect(seen).toEqual([['sip:a@x.com'], ['sip:a@x.com', 'sip:b@x.com'], ['sip:b@x.com', 'sip:a@x.com'], ['sip:a@x.com']]);
  });

  it('completes its stream when disposed', () => {
    const watched = createWatchedContacts(memorySettings());
    let completed = false;
    watched.watched$.subscribe({ complete: () => (completed = true) });
    watched.dispose();
    expect(completed).toBe(true);
  });
});
