import { describe, expect, it } from 'vitest';
import { contactMatches, isEmptyFilter, parseFilter } from '../../../../../renderer/app/contacts/contact-filter';

const alice = { uri: 'sip:alice.smith@contoso.com', name: 'Alice Smith', availability: 'Online' as const };

describe('contact filter', () => {
  it('treats blank input as no filter', () => {
    expect(isEmptyFilter(parseFilter('   '))).toBe(true);
    expect(contactMatches(alice, parseFilter(''))).toBe(true);
  });
  it('is case-insensitive over name and address', () => {
    expect(contactMatches(alice, parseFilter('SMITH'))).toBe(true);
    expect(contactMatches(alice, parseFilter('alice.smith@'))).toBe(true);
    expect(contactMatches(alice, parseFilter('bob'))).toBe(false);
  });
  it('requires every word', () => {
    expect(contactMatches(alice, parseFilter('ali contoso'))).toBe(true);
    expect(contactMatches(alice, parseFilter('ali fabrikam'))).toBe(false);
  });
  it('does not treat input as a pattern', () => {
    expect(contactMatches(alice, parseFilter('.*'))).toBe(false);
  });
});
