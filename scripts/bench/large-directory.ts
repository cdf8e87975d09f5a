import type { DirectoryFile, DirectoryUser } from '../../test/simulator/index';

const AVAILABILITIES = ['Online', 'Busy', 'Away', 'BeRightBack', 'DoNotDisturb', 'Offline'] as const;

/**
 * Dana with `groups` personal groups holding `contacts` people between them (each person in one
 * group, availabilities cycling), as a simulator DirectoryFile.
 */
export function largeDirectory(groups: number, contacts: number): DirectoryFile {
  const people: DirectoryUser[] = [];
  const members: string[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < contacts; i += 1) {
    const uri = `sip:person${i}@contoso.com`;
    people.push({ uri, name: `Person ${i}`, availability: AVAILABILITIES[i % AVAILABILITIES.length]! });
    members[i % groups]!.push(uri);
  }
  const dana: DirectoryUser = {
    uri: 'sip:dana@contoso.com',
    name: 'Dana Birkby',
    password: 'Passw0rd!',
    groups: [
      { name: 'Other Contacts', kind: 'default', contacts: [] },
      ...members.map((list, g) => ({ name: `Group ${g}`, kind: 'personal' as const, contacts: list })),
    ],
  };
  return { users: [dana, ...people] };
}
