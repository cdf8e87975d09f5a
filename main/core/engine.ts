import type { Engine } from './engine-api';
import { engineSettings, type EngineOptions } from './engine/engine-settings';
import { createEngineServices } from './engine/engine-services';
import { createSignInLifecycle } from './engine/sign-in-lifecycle';
import type { EngineDeps } from './ports';
import { createContactsDirectory } from './ucwa/people/contacts-directory';
import { people } from './ucwa/people/people';

export type { EngineOptions } from './engine/engine-settings';

/**
 * The engine: sign-in, presence kept published, event channel, recovery. One instance per
 * app lifetime; owns its streams (multicast once) and every request it makes. The factory that
 * wires the engine's services to `deps`, with the people feature from `ucwa/people` unless the
 * caller gives another.
 */
export function createEngine(deps: EngineDeps, options: EngineOptions = {}): Engine {
  const services = createEngineServices(deps, engineSettings(options), options.people ?? people);
  const { client, presence, commands, runner, signals } = services;
  const lifecycle = createSignInLifecycle(services);
  return {
    session$: services.session.state$,
    presence$: presence.presence$,
    desired$: presence.desired$,
    contacts$: services.people.contacts$,
    changes$: services.people.changes$,
    directory: createContactsDirectory(() => (runner.current === undefined ? undefined : { client, people: runner.current.people })),
    signIn: (request, initial) => lifecycle.signIn(request, initial),
    signOut: () => lifecycle.signOut(),
    setAvailability(availability) {
      presence.choose({ availability });
      return commands.submit((app) => presence.writeAvailability$(app, availability));
    },
    resetAvailability() {
      presence.choose({ availability: null });
      return commands.submit((app) => presence.writeAvailability$(app, null));
    },
    setNote(note) {
      presence.choose({ note });
      return commands.submit((app) => presence.writeNote$(app, note));
    },
    reconcile: () => signals.reconcile(),
    setVisibleContacts: (uris) => services.people.readFirst(uris),
    dispose: () => lifecycle.dispose(),
  };
}
