import type { TimerId } from './clock';
import type { SettableAvailability } from './directory';
import type { EventChannel } from './event-channel';
import type { AppHrefs } from './hal';
import type { ActivityLevel } from './presence-model';

export type SubscriptionState = 'Connecting' | 'Connected' | 'Disconnecting' | 'Disconnected';

export interface ContactsAndGroupsSubscription {
  state: SubscriptionState;
  expiresAt: number;
  warnTimer: TimerId | undefined;
  expireTimer: TimerId | undefined;
}

export interface PresenceSubscription {
  readonly id: string;
  /** Person keys. */
  readonly members: string[];
  expiresAt: number;
  warnTimer: TimerId | undefined;
  expireTimer: TimerId | undefined;
}

/** One UCWA application (endpoint) of a signed-in user. */
export interface Application {
  readonly id: string;
  /** Person key of the owner. */
  readonly user: string;
  readonly userAgent: string;
  readonly endpointId: string;
  readonly culture: string;
  readonly instanceId: string | undefined;
  readonly hrefs: AppHrefs;
  readonly channel: EventChannel;
  readonly communicationId: string;
  available: boolean;
  modalities: string[];
  /** makeMeAvailable's supportedMessageFormats (Plain until then). */
  messageFormats: string[];
  /** makeMeAvailable's phoneNumber and audioPreference, when given. */
  phoneNumber: string | undefined;
  audioPreference: string | undefined;
  published: SettableAvailability | null;
  publishedAt: number;
  level: ActivityLevel;
  inactiveMs: number;
  idleTimer: TimerId | undefined;
  awayTimer: TimerId | undefined;
  reapTimer: TimerId | undefined;
  expiryTimer: TimerId | undefined;
  readonly contactsSub: ContactsAndGroupsSubscription;
  readonly presenceSubs: Map<string, PresenceSubscription>;
}
