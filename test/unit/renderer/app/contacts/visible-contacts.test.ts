import { describe, expect, it } from 'vitest';
import type { Contact, Group } from '../../../../../shared/models';
import type { Row } from '../../../../../renderer/app/contacts/row-model';
import { visibleContactsReporter } from '../../../../../renderer/app/contacts/visible-contacts';
import { LIMITS } from '../../../../../shared/guards';

const group: Group = { id: 'g1', name: 'Team', kind: 'personal', contactUris: [] };
const groupRow: Row = { type: 'group', key: 'g:g1', group, shown: 2, total: 2, available: 1, expanded: true, position: 1 };
const contactRow = (n: number, groupId = 'g1'): Row => {
  const contact: Contact = { uri: `sip:p${n}@contoso.com`, name: `P${n}`, availability: 'Online' };
  return { type: 'contact', key: `c:${groupId}:${contact.uri}`, groupId, contact, watched: false, position: n + 1, setSize: 1000 };
};

describe('visibleContactsReporter', () => {
  it('sends the contacts of the rows drawn, each once, and only when they change', async () => {
    const sent: (readonly string[])[] = [];
    const report = visibleContactsReporter(async (uris) => {
      sent.push(uris);
    });
    report([groupRow, contactRow(1), contactRow(2), contactRow(1, 'g2')]);
    report([groupRow, contactRow(1), contactRow(2)]); // same contacts (a presence re-render): nothing sent
    report([contactRow(2), contactRow(3)]);
    await Promise.resolve();
    expect(sent).toEqual([
      ['sip:p1@contoso.com', 'sip:p2@contoso.com'],
      ['sip:p2@contoso.com', 'sip:p3@contoso.com'],
    ]);
  });

  it('never sends more than main accepts, and sends again after a refused report', async () => {
    const sent: (readonly string[])[] = [];
    let refuse = true;
    const report = visibleContactsReporter(async (uris) => {
      sent.push(uris);
      if (refuse) throw new Error('Invalid payload');
    });
    const rows = Array.from({ length: LIMITS.visibleContacts + 10 }, (_, i) => contactRow(i));
    report(rows);
    await new Promise((resolve) => setTimeout(resolve, 0));
    refuse = false;
    report(rows);
    expect(sent).toHaveLength(2);
    expect(sent[0]).toHaveLength(LIMITS.visibleContacts);
  });
});
