/**
 * The usual starting point of a conformance test: a fresh simulator with Dana signed in, optionally
 * with an application already created. Each file calls it from `beforeEach` and stops `sim` in `afterEach`.
 */
import { Sim } from './sim';
import { Session, type App } from './ucwa';

/** A running simulator and Dana's session on it. */
export interface SignedIn {
  readonly sim: Sim;
  readonly session: Session;
}

/** {@link SignedIn} plus one application created with the default body. */
export interface SignedInWithApp extends SignedIn {
  readonly app: App;
}

/** Starts a simulator and signs Dana in; stops the simulator again when signing in fails. */
export async function startSignedIn(): Promise<SignedIn> {
  const sim = await Sim.start();
  try {
    return { sim, session: await Session.signIn(sim) };
  } catch (error) {
    await sim.stop();
    throw error;
  }
}

/** Like {@link startSignedIn}, then creates an application (stopping the simulator when that fails). */
export async function startSignedInWithApp(): Promise<SignedInWithApp> {
  const { sim, session } = await startSignedIn();
  try {
    return { sim, session, app: await session.createApp() };
  } catch (error) {
    await sim.stop();
    throw error;
  }
}
