import type { ContactList } from '../../../shared/models';
import type { Truth } from '../../../scripts/soak/truth';

/** A small server truth: two groups, three contacts, one application. */
export function truth(overrides: Partial<Truth> = {}): Truth {
  return {
    groups: [
      { id: '1', name: 'Other Contacts', kind: 'default', members: ['sip:lene@contoso.com', 'sip:kim@contoso.com'] },
      { id: '3', name: 'Project Falcon', kind: 'personal', members: ['sip:sara@contoso.com'] },
    ],
    contacts: {
      'sip:lene@contoso.com': { availability: 'Away', note: '' },
      'sip:kim@contoso.com': { availability: 'BeRightBack', note: 'Back at 3' },
      'sip:sara@contoso.com': { availability: 'Online', note: '' },
    },
    me: { availability: 'Busy', note: 'Heads down' },
    applications: [{ id: '111', endpointId: 'ep-1', available: true }],
    ...overrides,
  };
}

/** The engine's view of {@link truth} when it is right. */
export function engineList(): ContactList {
  return {
    groups: [
      { id: '1', name: 'Other Contacts', kind: 'default', contactUris: ['sip:kim@contoso.com', 'sip:lene@contoso.com'] },
      { id: '3', name: 'Project Falcon', kind: 'personal', contactUris: ['sip:Sara@contoso.com'] },
    ],
    contacts: {
      'sip:lene@contoso.com': { uri: 'sip:lene@contoso.com', name: 'Lene', availability: 'Away' },
      'sip:kim@contoso.com': { uri: 'sip:kim@contoso.com', name: 'Kim', availability: 'BeRightBack', note: 'Back at 3' },
      'sip:Sara@contoso.com': { uri: 'sip:Sara@contoso.com', name: 'Sara', availability: 'Online' },
    },
  };
}
