import { describe, expect, it } from 'vitest';
import { memorySettings, TRUST_ANSWERS_MAX } from '../../../../../main/core/app/app-settings';
import { settingsTrustMemory } from '../../../../../main/core/app/trust-answers';
import { createTrustGate, trustContext } from '../../../../../main/core/ucwa/trust';

describe('trust answers kept in the settings', () => {
  it('a host approved once is admitted by the next engine without asking again', async () => {
    const settings = memorySettings();
    const asked: string[] = [];
    const prompt = (domain: string, host: string): Promise<boolean> => {
      asked.push(`${domain} → ${host}`);
      return Promise.resolve(true);
    };
    const context = trustContext('contoso.com', 'https://lyncdiscover.contoso.com/');
    await createTrustGate(context, prompt, settingsTrustMemory(settings)).admit('https://lync.fabrikam.com/ucwa');
    expect(settings.get('trustAnswers')).toEqual({ 'contoso.com lync.fabrikam.com': true });
    // A new start: a new gate over the same settings.
    await createTrustGate(context, prompt, settingsTrustMemory(settings)).admit('https://lync.fabrikam.com/other');
    expect(asked).toEqual(['contoso.com → lync.fabrikam.com']);
  });

  it('a refusal is remembered too: the next start refuses without asking', async () => {
    const settings = memorySettings();
    let asked = 0;
    const prompt = (): Promise<boolean> => {
      asked += 1;
      return Promise.resolve(false);
    };
    const context = trustContext('contoso.com', undefined);
    await expect(createTrustGate(context, prompt, settingsTrustMemory(settings)).admit('https://evil.example/')).rejects.toThrow(/evil\.example/);
    await expect(createTrustGate(context, prompt, settingsTrustMemory(settings)).admit('https://evil.example/')).rejects.toThrow(/evil\.example/);
    expect(asked).toBe(1);
    expect(settings.get('trustAnswers')).toEqual({ 'contoso.com evil.example': false });
  });

  it('keeps at most the newest answers, and a new answer replaces the old one for the same host', () => {
    const settings = memorySettings();
    const memory = settingsTrustMemory(settings);
    for (let i = 0; i < TRUST_ANSWERS_MAX + 5; i += 1) memory.set(`contoso.com h${i}.example`, true);
    memory.set('contoso.com h200.example', false);
    memory.set('contoso.com h200.example', true);
    const kept = Object.keys(settings.get('trustAnswers'));
    expect(kept).toHaveLength(TRUST_ANSWERS_MAX);
    expect(kept).not.toContain('contoso.com h0.example');
    expect(kept.at(-1)).toBe('contoso.com h200.example');
    expect(memory.get('contoso.com h200.example')).toBe(true);
    expect(memory.get('constructor')).toBeUndefined();
  });
});
