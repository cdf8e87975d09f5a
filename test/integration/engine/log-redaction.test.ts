import { afterEach, describe, expect, it } from 'vitest';
import { createConsoleLogger } from '../../../main/adapters/console-logger';
import { DANA, eventually, startHarness, type Harness } from './support/engine-harness';

/**
 * What SECURITY.md promises about logs, over a whole session against the simulator at debug level:
 * no password, no token, no query string (the event channel's `ack`, the P-GET `timeout`), both in
 * what the engine hands its logger and in the lines the app's console logger writes from it.
 */

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('logs of a whole session', () => {
  it('carry URLs without query strings and never the password or a token', async () => {
    h = await startHarness();
    const harness = h;
    await harness.engine.signIn({ ...DANA, discoveryUrl: harness.sim.rootUrl }, { availability: 'Busy', note: 'Heads down' });
    await eventually(async () => (await harness.simUser()).availability === 'Busy', 'Dana is Busy after sign-in');
    await harness.engine.setAvailability('Away');
    await eventually(async () => (await harness.simUser()).availability === 'Away', 'Dana is Away');
    // The event channel has answered at least twice: its later GETs carry `ack=` in the query.
    await eventually(async () => harness.logs.filter((line) => /\/events([?#]|$)/.test(String(line.fields?.['url'] ?? ''))).length >= 2, 'two event GETs logged');
    await harness.engine.signOut();

    const urls = harness.logs.map((line) => line.fields?.['url']).filter((url): url is string => typeof url === 'string');
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) expect(url, url).not.toMatch(/[?#]/);

    const written: string[] = [];
    const sink = createConsoleLogger('debug', (line) => written.push(line));
    for (const line of harness.logs) sink.log(line.level, line.message, line.fields);
    const text = written.join('\n');
    expect(written).toHaveLength(harness.logs.length);
    expect(text).not.toContain(DANA.password);
    expect(text).not.toContain(encodeURIComponent(DANA.password));
    expect(text).not.toMatch(/cwt=|Bearer \S|access_token|ack=|timeout=|https?:\/\/\S*[?#]/);
  }, 60_000);
});
