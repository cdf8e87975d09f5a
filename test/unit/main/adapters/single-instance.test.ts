import { describe, expect, it } from 'vitest';
import type { RemoteCommand } from '../../../../main/core/app/command-line';
import { claimSingleInstance, type SingleInstanceApp } from '../../../../main/adapters/single-instance';

/** Two "processes" sharing one lock, like Electron's app.requestSingleInstanceLock. */
function lockPair() {
  let holder: ((argv: string[], data: unknown) => void) | null = null;
  const make = (): SingleInstanceApp & { listener?: (argv: string[], data: unknown) => void } => {
    const app: SingleInstanceApp & { listener?: (argv: string[], data: unknown) => void } = {
      requestSingleInstanceLock(additionalData) {
        if (holder === null) {
          holder = (argv, data) => app.listener?.(argv, data);
          return true;
        }
        holder(['/usr/bin/app', '--extra-chromium-flag'], additionalData);
        return false;
      },
      on(_event, listener) {
        app.listener = (argv, data) => listener({}, argv, '/', data);
      },
    };
    return app;
  };
  return { first: make(), second: make() };
}

describe('claimSingleInstance', () => {
  it('forwards a second launch’s commands to the running instance', () => {
    const { first, second } = lockPair();
    const received: (readonly RemoteCommand[])[] = [];
    expect(claimSingleInstance(first, ['/usr/bin/app'], (commands) => received.push(commands))).toBe(true);
    expect(claimSingleInstance(second, ['/usr/bin/app', '--availability', 'Busy', '--note', 'Focus time'], () => {
      throw new Error('the second instance must not run commands');
    })).toBe(false);
    expect(received).toEqual([[
      { type: 'setAvailability', availability: 'Busy' },
      { type: 'setNote', note: 'Focus time' },
    ]]);
  });

  it('treats a bare second launch as "show", and --quit as quit', () => {
    const { first, second } = lockPair();
    const received: (readonly RemoteCommand[])[] = [];
    claimSingleInstance(first, ['/usr/bin/app'], (commands) => received.push(commands));
    claimSingleInstance(second, ['/usr/bin/app'], () => undefined);
    claimSingleInstance(second, ['/usr/bin/app', '--quit'], () => undefined);
    expect(received).toEqual([[{ type: 'show' }], [{ type: 'quit' }]]);
  });

  it('ignores forged additionalData and falls back to argv', () => {
    const app: SingleInstanceApp & { fire?: (argv: string[], data: unknown) => void } = {
      requestSingleInstanceLock: () => true,
      on(_event, listener) {
        app.fire = (argv, data) => listener({}, argv, '/', data);
      },
    };
    const received: (readonly RemoteCommand[])[] = [];
    claimSingleInstance(app, [], (commands) => received.push(commands));
    app.fire?.(['x', '--reset'], { commands: [{ type: 'exec', command: 'rm -rf /' }] });
    expect(received).toEqual([[{ type: 'reset' }]]);
  });
});
