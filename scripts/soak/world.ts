import { SETTABLE_AVAILABILITIES, type SettableAvailability } from '../../shared/availability';
import type { SimControl } from '../../test/support/sim-control';
import type { LedgerEntry } from './ledger';
import type { Chosen } from './invariants/own-presence';
import type { Prng } from './prng';

/** Contacts whose presence and note change; they stay in the pinned and default groups throughout. */
const CHURNING = ['sip:sarad@contoso.com', 'sip:manishc@contoso.com', 'sip:lenea@contoso.com', 'sip:kimab@contoso.com'] as const;
/** Who gets added to and removed from personal groups (the last two exist only once added). */
const MOVABLE = [
  'sip:sarad@contoso.com',
  'sip:yukif@contoso.com',
  'sip:oliviaw@contoso.com',
  'sip:jonasb@contoso.com',
  'sip:pilarp@contoso.com',
  'sip:soak-one@contoso.com',
  'sip:soak-two@contoso.com',
] as const;
const CONTACT_AVAILABILITIES = ['Online', 'Busy', 'Away', 'BeRightBack', 'DoNotDisturb', 'Offline'] as const;
const NOTES = ['In the lab', 'Back at 3', 'Out of office', ''] as const;
const MY_NOTES = ['Heads down', 'Soaking', 'On call', ''] as const;

interface GroupView {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly contacts: readonly { readonly uri: string }[];
}

/** Changes that may also happen while a fault is on (otherwise only between faults). */
export interface DuringFaults {
  /** The user picks availability and note. */
  readonly choices: boolean;
  /** A group is deleted. */
  readonly groupRemovals: boolean;
}

/** Sets the user's own presence through the engine, as a click in the tray would; settles when the engine has. */
export type ChooseMyPresence = (availability: SettableAvailability, note: string) => Promise<void>;

/**
 * The server-side life the soak makes while faults run: groups created, renamed and deleted,
 * contacts added to and removed from personal groups, contacts' presence and notes, and the user's own
 * choice (through the engine). Every change is
 * written to the ledger the change feed is checked against.
 */
export class World {
  private groupsMade = 0;
  chosen: Chosen;

  constructor(
    private readonly control: SimControl,
    private readonly user: string,
    private readonly rng: Prng,
    private readonly choose: ChooseMyPresence,
    private readonly record: (entry: LedgerEntry) => void,
    initial: Chosen,
    /** Which changes may also happen while a fault is on (see default-faults.ts); all happen between faults. */
    private readonly duringFaults: DuringFaults,
  ) {
    this.chosen = initial;
  }

  /** Makes `count` random changes while a fault is on (not awaiting the engine). */
  async change(count: number): Promise<void> {
    for (let i = 0; i < count; i += 1) await this.one();
  }

  /** Between faults, while all is well: maybe a choice of the user's (awaited), maybe a group deleted. */
  async betweenFaults(): Promise<void> {
    if (this.rng.chance(0.3)) await this.myChoice();
    if (this.duringFaults.groupRemovals || !this.rng.chance(0.3)) return;
    const groups = (await this.control('GET', `/_sim/users/${this.user}/groups`)) as GroupView[];
    const personal = groups.filter((g) => g.kind === 'personal');
    if (personal.length > 2) await this.removeGroup(this.rng.pick(personal));
  }

  private async one(): Promise<void> {
    const groups = (await this.control('GET', `/_sim/users/${this.user}/groups`)) as GroupView[];
    const personal = groups.filter((g) => g.kind === 'personal');
    const roll = this.rng.next();
    if (roll < 0.12 || personal.length === 0) return this.addGroup();
    if (roll < 0.2 && personal.length > 1 && this.duringFaults.groupRemovals) return this.removeGroup(this.rng.pick(personal));
    if (roll < 0.28) return this.renameGroup(this.rng.pick(personal));
    if (roll < 0.5) return this.moveContact(this.rng.pick(personal));
    if (roll < 0.75) return this.contactPresence();
    if (roll < 0.85 || !this.duringFaults.choices) return this.contactNote();
    void this.myChoice();
  }

  private async addGroup(): Promise<void> {
    const name = `Soak group ${++this.groupsMade}`;
    const { id } = (await this.control('POST', `/_sim/users/${this.user}/groups`, { name })) as { id: string };
    this.record({ kind: 'groupAdded', groupId: id, group: name });
  }

  private async removeGroup(group: GroupView): Promise<void> {
    await this.control('DELETE', `/_sim/users/${this.user}/groups/${group.id}`);
    this.record({ kind: 'groupRemoved', groupId: group.id, group: group.name });
  }

  private async renameGroup(group: GroupView): Promise<void> {
    const name = `Soak renamed ${++this.groupsMade}`;
    await this.control('PATCH', `/_sim/users/${this.user}/groups/${group.id}`, { name });
    this.record({ kind: 'groupRenamed', groupId: group.id, group: name, previousGroup: group.name });
  }

  private async moveContact(group: GroupView): Promise<void> {
    const uri = this.rng.pick(MOVABLE);
    const member = group.contacts.some((c) => c.uri.toLowerCase() === uri);
    if (member) {
      await this.control('DELETE', `/_sim/users/${this.user}/groups/${group.id}/contacts/${encodeURIComponent(uri)}`);
      this.record({ kind: 'contactRemoved', groupId: group.id, group: group.name, uri });
    } else {
      await this.control('POST', `/_sim/users/${this.user}/groups/${group.id}/contacts`, { uri });
      this.record({ kind: 'contactAdded', groupId: group.id, group: group.name, uri });
    }
  }

  private async contactPresence(): Promise<void> {
    const uri = this.rng.pick(CHURNING);
    const address = uri.replace(/^sip:/, '');
    const previous = ((await this.control('GET', `/_sim/users/${address}`)) as { availability: string }).availability;
    const availability = this.rng.pick(CONTACT_AVAILABILITIES.filter((a) => a !== previous));
    await this.control('PUT', `/_sim/users/${address}/presence`, { availability });
    this.record({ kind: 'contactPresenceChanged', uri, availability, previous });
  }

  private async contactNote(): Promise<void> {
    const uri = this.rng.pick(CHURNING);
    const note = this.rng.pick(NOTES);
    await this.control('PUT', `/_sim/users/${uri.replace(/^sip:/, '')}/presence`, { note });
    this.record({ kind: 'contactNoteChanged', uri, note });
  }

  private myChoice(): Promise<void> {
    const availability = this.rng.pick(SETTABLE_AVAILABILITIES.filter((a) => a !== this.chosen.availability));
    const note = this.rng.pick(MY_NOTES.filter((n) => n !== this.chosen.note));
    this.chosen = { availability, note };
    this.record({ kind: 'myPresenceChosen', availability, note });
    return this.choose(availability, note);
  }
}
