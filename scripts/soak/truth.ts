import type { SimControl } from '../../test/support/sim-control';

/** One of the user's groups as the simulator holds it (member URIs lower-cased). */
export interface TruthGroup {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly members: readonly string[];
}

/** A contact's state as the simulator aggregates it ('' = no note). */
export interface TruthContact {
  readonly availability: string;
  readonly note: string;
}

/** One of the user's applications on the server. */
export interface TruthApplication {
  readonly id: string;
  readonly endpointId: string;
  readonly available: boolean;
}

/** What the server holds, the side every invariant compares the engine with. */
export interface Truth {
  readonly groups: readonly TruthGroup[];
  /** Keyed by lower-cased SIP URI; every member of every group. */
  readonly contacts: Readonly<Record<string, TruthContact>>;
  /** The signed-in user's aggregated availability and note. */
  readonly me: TruthContact;
  readonly applications: readonly TruthApplication[];
}

interface UserView {
  readonly availability: string;
  readonly note?: string;
  readonly applications?: readonly { readonly id: string; readonly endpointId: string; readonly available: boolean }[];
  readonly groups?: readonly { readonly id: string; readonly name: string; readonly kind: string; readonly contacts: readonly { readonly uri: string }[] }[];
}

const address = (uri: string): string => uri.replace(/^sip:/i, '');

/** Reads the user's groups, applications and presence, and every member's presence and note. */
export async function readTruth(control: SimControl, user: string): Promise<Truth> {
  const view = (await control('GET', `/_sim/users/${encodeURIComponent(user)}`)) as UserView;
  const groups = (view.groups ?? []).map((g) => ({ id: g.id, name: g.name, kind: g.kind, members: g.contacts.map((c) => c.uri.toLowerCase()) }));
  const uris = [...new Set(groups.flatMap((g) => g.members))];
  const views = await Promise.all(uris.map(async (uri) => [uri, (await control('GET', `/_sim/users/${encodeURIComponent(address(uri))}`)) as UserView] as const));
  return {
    groups,
    contacts: Object.fromEntries(views.map(([uri, v]) => [uri, { availability: v.availability, note: v.note ?? '' }])),
    me: { availability: view.availability, note: view.note ?? '' },
    applications: (view.applications ?? []).map((a) => ({ id: a.id, endpointId: a.endpointId, available: a.available })),
  };
}
