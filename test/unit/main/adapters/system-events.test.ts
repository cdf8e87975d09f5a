import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { redact } from '../../../../main/adapters/console-logger';
import { createElectronNotifier } from '../../../../main/adapters/notifier.electron';
import { createPowerMonitorEvents, type PowerEventSource } from '../../../../main/adapters/system-events.power-monitor';

describe('power monitor events', () => {
  it('maps resume/unlock to wake$ and lock/suspend to sleep$, and unsubscribes', () => {
    const power = new EventEmitter();
    const events = createPowerMonitorEvents(power as unknown as PowerEventSource, () => true, 60_000);
    const seen: string[] = [];
    const wake = events.wake$.subscribe((event) => seen.push(`wake ${event}`));
    const sleep = events.sleep$.subscribe((event) => seen.push(`sleep ${event}`));
    power.emit('lock-screen');
    power.emit('suspend');
    power.emit('resume');
    power.emit('unlock-screen');
    expect(seen).toEqual(['sleep lock', 'sleep suspend', 'wake resume', 'wake unlock']);
    wake.unsubscribe();
    sleep.unsubscribe();
    expect(power.listenerCount('resume') + power.listenerCount('lock-screen')).toBe(0);
  });
});

describe('notifier and logger', () => {
  it('shows notifications only where supported', () => {
    const shown: string[] = [];
    class Supported {
      static isSupported = () => true;
      constructor(private readonly options: { title: string; body: string }) {}
      show() {
        shown.push(this.options.title);
      }
    }
    createElectronNotifier(Supported).notify('Alice is available', 'body');
    class Unsupported extends Supported {
      static override isSupported = () => false;
    }
    createElectronNotifier(Unsupported).notify('never', 'body');
    expect(shown).toEqual(['Alice is available']);
  });

  it('redacts credentials that slip into log lines', () => {
    expect(redact('POST /WebTicket/oauthtoken grant_type=password&username=dana&password=Passw0rd!')).toBe(
      'POST /WebTicket/oauthtoken grant_type=password&username=dana&password=[redacted]',
    );
    expect(redact('Authorization: Bearer cwt=AAEB.x-y')).toBe('Authorization: Bearer [redacted]');
  });
});
