import type { SignInRequest } from '../../../shared/models';
import type { Disposable } from '../lifetime/disposable-store';
import type { TrustPrompt } from '../ports';
import { signInDomain } from '../ucwa/discovery';
import { createTrustGate, httpsOnlyGate, trustContext, type TrustGate, type TrustMemory, type TrustPolicy } from '../ucwa/trust';

/**
 * The trust rules of the sign-in in progress. Between sign-ins only the https rule applies; the
 * user's answers outlive every sign-in (in `memory`).
 */
export interface SignInTrust extends Disposable {
  /** The gate of the current sign-in, if one is in progress. */
  readonly gate: TrustGate | undefined;
  /** Admits a URL under the current sign-in's rules (or https-only without one). */
  admit(url: string): Promise<void>;
  /** Starts the rules for signing in as `address` (through `discoveryUrl`, when given). */
  begin(request: SignInRequest): void;
  /** Back to https-only. */
  end(): void;
}

export function createSignInTrust(policy: TrustPolicy, prompt: TrustPrompt | undefined, memory: TrustMemory): SignInTrust {
  let gate: TrustGate | undefined;
  const end = (): void => {
    gate = undefined;
  };
  return {
    get gate() {
      return gate;
    },
    admit: (url) => (gate ?? httpsOnlyGate(policy)).admit(url),
    begin: (request) => {
      gate = createTrustGate(trustContext(signInDomain(request.address), request.discoveryUrl, policy), prompt, memory);
    },
    end,
    dispose: end,
  };
}
