import type { SettableAvailability } from '../../../shared/availability';
import type { DesiredPresence } from '../../../shared/models';
import type { Engine } from '../engine-api';
import type { Logger, SettingsStore } from '../ports';
import { NOTE_MAX_LENGTH, type AppSettings } from './app-settings';
import { safely } from './safely';

/** What the user chose to show (availability and note): saved, restored at sign-in, sent to the engine. */
export interface PresenceChoice {
  /** The saved choice, asked for at sign-in. */
  saved(): DesiredPresence;
  /** Saves and publishes an availability; null = automatic. */
  choose(availability: SettableAvailability | null): Promise<void>;
  /** Saves an availability without publishing it (the next sign-in asks for it). */
  save(availability: SettableAvailability | null): void;
  /** Publishes Away for now without saving it (the saved choice is what comes back). */
  appearAway(): Promise<void>;
  /** Saves and publishes a note, cut to NOTE_MAX_LENGTH. */
  setNote(note: string): Promise<void>;
  dispose(): void;
}

export function createPresenceChoice(deps: { engine: Engine; settings: SettingsStore<AppSettings>; logger?: Logger }): PresenceChoice {
  const { engine, settings, logger } = deps;
  return {
    saved: () => ({ availability: settings.get('lastAvailability'), note: settings.get('note') }),
    async choose(availability) {
      settings.set('lastAvailability', availability);
      await (availability === null
        ? safely(logger, 'reset availability', () => engine.resetAvailability())
        : safely(logger, 'set availability', () => engine.setAvailability(availability)));
    },
    save(availability) {
      settings.set('lastAvailability', availability);
    },
    appearAway: () => safely(logger, 'away on lock', () => engine.setAvailability('Away')),
    async setNote(note) {
      const trimmed = note.slice(0, NOTE_MAX_LENGTH);
      settings.set('note', trimmed);
      await safely(logger, 'set note', () => engine.setNote(trimmed));
    },
    dispose: () => undefined,
  };
}
