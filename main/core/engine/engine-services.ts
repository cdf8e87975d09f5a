import type { SchedulerLike } from 'rxjs';
import { DisposableStore } from '../lifetime/disposable-store';
import type { PeopleFeature } from '../people-port';
import type { EngineDeps, Logger } from '../ports';
import { type ApplicationOwner, createApplicationOwner } from '../ucwa/application-lifecycle';
import { createHttpClient } from '../ucwa/http-client';
import type { ResourceClient } from '../ucwa/resource-client';
import { type CommandQueue, createCommandQueue } from './command-queue';
import { createDiscoveryCache, type DiscoveryCache } from './discovery-cache';
import type { EngineSettings } from './engine-settings';
import { onlineSession$ } from './online-session';
import { createPeopleRuns, type PeopleRuns } from './people-runs';
import { createPresencePublisher, type PresencePublisher } from './presence-publisher';
import { createSessionRunner, type SessionRunner } from './session-runner';
import { createSessionSignals, type SessionSignals } from './session-signals';
import { createSessionStore, type SessionStore } from './session-store';
import { createSignInTrust, type SignInTrust } from './sign-in-trust';
import { createTokenLifecycle, type TokenLifecycle } from './token-lifecycle';

/** The engine's services, built once per engine and owned by `lifetime`. */
export interface EngineServices {
  readonly scheduler: SchedulerLike;
  readonly logger: Logger;
  readonly client: ResourceClient;
  readonly session: SessionStore;
  readonly trust: SignInTrust;
  readonly tokens: TokenLifecycle;
  readonly applications: ApplicationOwner;
  readonly discovery: DiscoveryCache;
  readonly signals: SessionSignals;
  readonly presence: PresencePublisher;
  readonly people: PeopleRuns;
  readonly commands: CommandQueue;
  readonly runner: SessionRunner;
  /** Disposes every service above, the last built first. */
  readonly lifetime: DisposableStore;
}

/** Builds the engine's services and wires them to each other and to `deps`. */
export function createEngineServices(deps: EngineDeps, settings: EngineSettings, feature: PeopleFeature): EngineServices {
  const { scheduler, logger } = deps;
  const lifetime = new DisposableStore();
  const session = lifetime.add(createSessionStore(scheduler, logger));
  // One sign-in's trust rules; the user's answers outlive it (in memory, for the engine's lifetime).
  const trust = lifetime.add(createSignInTrust(settings.trust, deps.trustPrompt, deps.trustMemory ?? new Map<string, boolean>()));
  const tokens = lifetime.add(
    createTokenLifecycle({
      fetch: deps.fetch,
      scheduler,
      logger,
      timeoutMs: settings.requestTimeoutMs,
      maxBodyBytes: settings.limits.maxJsonBytes,
      admit: trust.admit,
      onAuthenticate: () => session.dispatch({ type: 'authenticate' }),
    }),
  );
  const client = createHttpClient({
    fetch: deps.fetch,
    logger,
    authenticator: tokens.authenticator,
    defaultTimeoutMs: settings.requestTimeoutMs,
    scheduler,
    admit: trust.admit,
    limits: settings.limits,
  });
  const applications = createApplicationOwner(client, logger);
  const discovery = lifetime.add(createDiscoveryCache(client, () => trust.gate, () => session.dispatch({ type: 'discover' })));
  const signals = lifetime.add(createSessionSignals(scheduler, logger, settings.resetMinIntervalMs));
  const presence = lifetime.add(createPresencePublisher(client, logger));
  const { backoff, random } = settings;
  const context = { client, scheduler, logger, events$: signals.events$, channelReset$: signals.resets$, reconcile$: signals.reconcile$, backoff, random };
  const people = lifetime.add(createPeopleRuns(feature, context));
  const commands: CommandQueue = lifetime.add(createCommandQueue((): boolean => runner.current !== undefined));
  const online = { client, logger, idle: deps.idle, system: deps.system, settings, scheduler, session, signals, presence, commands };
  const identity = { userAgent: deps.userAgent, endpointId: deps.endpointId, culture: deps.culture };
  const runner = lifetime.add(
    createSessionRunner({ ...online, identity, discovery, applications, tokens, people, online$: (app) => onlineSession$(online, app) }),
  );
  return { scheduler, logger, client, session, trust, tokens, applications, discovery, signals, presence, people, commands, runner, lifetime };
}
