import { describe, expect, it } from 'vitest';
import { demoDirectory } from '../../simulator/demo-directory';
import { Directory } from '../../simulator/directory';
import { matches, searchDirectory } from '../../simulator/search';

describe('matches (address-book name resolution)', () => {
  it('matches a prefix of the name, of any word in it, or of an address', () => {
    expect(matches('sar', 'Sara Davis', [])).toBe(true);
    expect(matches('dav', 'Sara Davis', [])).toBe(true);
    expect(matches('sara d', 'Sara Davis', [])).toBe(true);
    expect(matches('ara', 'Sara Davis', [])).toBe(false);
    expect(matches('sarad@', 'Sara Davis', ['sarad@contoso.com'])).toBe(true);
    expect(matches('contoso', 'Sara Davis', ['sarad@contoso.com'])).toBe(false);
  });

  it('matches phone numbers on their digits, from three digits on, and only for digit-only queries', () => {
    expect(matches('555-0102', 'x', [], ['tel:+14255550102'])).toBe(true);
    expect(matches('+1 425 555 0102', 'x', [], ['tel:+14255550102'])).toBe(true);
    expect(matches('42', 'x', [], ['tel:+14255550102'])).toBe(false);
    expect(matches('a555', 'x', [], ['tel:+14255550102'])).toBe(false);
  });
});

describe('searchDirectory', () => {
  const dir = new Directory(demoDirectory());

  it('finds people and distribution groups, ordered by name', () => {
    const found = searchDirectory(dir, 'Sa', 100);
    expect(found.contacts.map((p) => p.name)).toEqual(['Sara Davis', 'Sarah Jones']);
    expect(found.moreResultsAvailable).toBe(false);
    expect(searchDirectory(dir, 'all', 100).distributionLists.map((l) => l.name)).toEqual(['All Redmond']);
  });

  it('cuts people and groups together at the limit and says more results are available', () => {
    const all = searchDirectory(dir, 'a', 100);
    const total = all.contacts.length + all.distributionLists.length;
    const cut = searchDirectory(dir, 'a', total - 1);
    expect(cut.contacts.length + cut.distributionLists.length).toBe(total - 1);
    expect(cut.moreResultsAvailable).toBe(true);
    expect(searchDirectory(dir, 'a', total).moreResultsAvailable).toBe(false);
  });

  it('leaves out addresses that only appear on a contact list, not in the address book', () => {
    const withGhost = new Directory({ users: [{ uri: 'sip:a@x.com', name: 'Alpha', password: 'p', groups: [{ name: 'G', kind: 'personal', contacts: ['sip:alphaghost@x.com'] }] }] });
    expect(searchDirectory(withGhost, 'alpha', 10).contacts.map((p) => p.name)).toEqual(['Alpha']);
  });
});
