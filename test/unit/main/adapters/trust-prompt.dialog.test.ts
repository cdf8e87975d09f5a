import { describe, expect, it } from 'vitest';
import { createDialogTrustPrompt, type MessageBoxDialog } from '../../../../main/adapters/trust-prompt.dialog';

function fakeDialog(response: number) {
  const shown: Parameters<MessageBoxDialog['showMessageBox']>[0][] = [];
  const dialog: MessageBoxDialog = {
    showMessageBox: (options) => {
      shown.push(options);
      return Promise.resolve({ response });
    },
  };
  return { dialog, shown };
}

describe('createDialogTrustPrompt', () => {
  it('asks with both names and answers yes only for Continue', async () => {
    const yes = fakeDialog(1);
    await expect(createDialogTrustPrompt(yes.dialog)('contoso.com', 'lync.fabrikam.com')).resolves.toBe(true);
    expect(yes.shown).toHaveLength(1);
    expect(yes.shown[0]?.message).toBe('contoso.com sends you to lync.fabrikam.com to sign in — continue?');
    expect(yes.shown[0]?.detail).toContain('trustedDomains');
    expect(yes.shown[0]?.buttons[yes.shown[0].defaultId]).toBe('Cancel');
    expect(yes.shown[0]?.cancelId).toBe(yes.shown[0]?.defaultId);
  });

  it.each([0, 2, -1])('response %i (cancel, closed, unknown) is no', async (response) => {
    await expect(createDialogTrustPrompt(fakeDialog(response).dialog)('contoso.com', 'lync.fabrikam.com')).resolves.toBe(false);
  });
});
