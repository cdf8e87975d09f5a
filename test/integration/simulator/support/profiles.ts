/**
 * What the simulator's demo directory holds for a contact, as real clients read it from
 * myContacts and the contact resource: the one expectation both conformance suites share.
 */
export const SARA_DAVIS_CONTACT = {
  uri: 'sip:sarad@contoso.com',
  name: 'Sara Davis',
  emailAddresses: ['sarad@contoso.com'],
  title: 'Software Engineer',
  department: 'Engineering',
  company: 'Contoso',
  office: 'Building 4, 2/121',
  workPhoneNumber: 'tel:+14255550102',
  mobilePhoneNumber: 'tel:+14255550192',
  type: 'User',
  sourceNetwork: 'SameEnterprise',
  rel: 'contact',
} as const;

/** The links a contact resource carries for its presence, note, location, photo and modalities. */
export const CONTACT_LINK_RELS = ['self', 'contactPresence', 'contactNote', 'contactLocation', 'contactPhoto', 'contactSupportedModalities'] as const;
