import type { DirectoryFile } from './directory';

/**
 * The built-in directory used when no `--users` file is given. Dana is the demo user; Sara,
 * Manish and Lene can sign in too (passwords in test/simulator/README.md).
 */
export function demoDirectory(): DirectoryFile {
  return {
    users: [
      {
        uri: 'sip:dana@contoso.com',
        name: 'Dana Birkby',
        password: 'Passw0rd!',
        title: 'Program Manager',
        department: 'Engineering',
        company: 'Contoso',
        groups: [
          { name: 'Pinned Contacts', kind: 'pinned', contacts: ['sip:sarad@contoso.com', 'sip:manishc@contoso.com'] },
          { name: 'Other Contacts', kind: 'default', contacts: ['sip:lenea@contoso.com', 'sip:kimab@contoso.com'] },
          {
            name: 'Project Falcon',
            kind: 'personal',
            contacts: ['sip:sarad@contoso.com', 'sip:pilarp@contoso.com', 'sip:tobiasr@contoso.com', 'sip:yukif@contoso.com'],
          },
          { name: 'Lunch crew', kind: 'personal', contacts: ['sip:manishc@contoso.com', 'sip:oliviaw@contoso.com', 'sip:ravim@contoso.com'] },
          {
            name: 'Engineering DL',
            kind: 'distribution',
            uri: 'sip:engineering@contoso.com',
            contacts: ['sip:sarad@contoso.com', 'sip:tobiasr@contoso.com', 'sip:jonasb@contoso.com', 'sip:ravim@contoso.com'],
          },
        ],
      },
      {
        uri: 'sip:sarad@contoso.com',
        name: 'Sara Davis',
        password: 'Passw0rd!',
        title: 'Software Engineer',
        department: 'Engineering',
        availability: 'Online',
        note: 'Shipping Falcon this week',
        groups: [{ name: 'Other Contacts', kind: 'default', contacts: ['sip:dana@contoso.com', 'sip:manishc@contoso.com'] }],
      },
      {
        uri: 'sip:manishc@contoso.com',
        name: 'Manish Chopra',
        password: 'Passw0rd!',
        title: 'Designer',
        availability: 'Busy',
        activity: 'in-a-meeting',
        groups: [{ name: 'Other Contacts', kind: 'default', contacts: ['sip:dana@contoso.com'] }],
      },
      {
        uri: 'sip:lenea@contoso.com',
        name: 'Lene Aaling',
        password: 'pass@word1',
        title: 'Support Lead',
        availability: 'Away',
        groups: [{ name: 'Other Contacts', kind: 'default', contacts: ['sip:dana@contoso.com'] }],
      },
      { uri: 'sip:kimab@contoso.com', name: 'Kim Abercrombie', availability: 'BeRightBack' },
      { uri: 'sip:pilarp@contoso.com', name: 'Pilar Pinilla', availability: 'DoNotDisturb', activity: 'presenting' },
      { uri: 'sip:tobiasr@contoso.com', name: 'Tobias Ritter', availability: 'IdleOnline', deviceType: 'Mobile' },
      { uri: 'sip:yukif@contoso.com', name: 'Yuki Fujimoto', availability: 'Online', note: 'Working from Osaka' },
      { uri: 'sip:oliviaw@contoso.com', name: 'Olivia Wilson', availability: 'Offwork' },
      { uri: 'sip:ravim@contoso.com', name: 'Ravi Mehta', availability: 'IdleBusy' },
      { uri: 'sip:jonasb@contoso.com', name: 'Jonas Bergström' },
    ],
  };
}
