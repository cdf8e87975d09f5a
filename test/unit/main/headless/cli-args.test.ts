import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../../../main/headless/cli-args';
import { translator } from '../../../../shared/i18n';

const ok = (argv: string[]) => {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.options;
};
const error = (argv: string[]): string => {
  const parsed = parseCliArgs(argv);
  if (parsed.ok) throw new Error('expected a failure');
  return parsed.message;
};

describe('parseCliArgs', () => {
  it('reads every option, in both --flag value and --flag=value forms', () => {
    expect(
      ok(['--user', 'dana@contoso.com', '--discover=http://127.0.0.1:8181/Autodiscover/AutodiscoverService.svc/root', '--availability', 'busy', '--note', 'heads down', '--json']),
    ).toEqual({
      user: 'dana@contoso.com',
      discover: 'http://127.0.0.1:8181/Autodiscover/AutodiscoverService.svc/root',
      availability: 'Busy',
      note: 'heads down',
      json: true,
      verbose: false,
    });
    expect(ok(['--user=sip:dana@contoso.com', '--verbose'])).toEqual({ user: 'sip:dana@contoso.com', json: false, verbose: true });
  });

  it('keeps an empty note (clears it) and a note that starts with dashes when given with =', () => {
    expect(ok(['--user', 'a@b.com', '--note', '']).note).toBe('');
    expect(ok(['--user', 'a@b.com', '--note=--away--']).note).toBe('--away--');
  });

  it('lists the six values for an unknown availability', () => {
    expect(error(['--user', 'a@b.com', '--availability', 'Offline'])).toBe(
      'Unknown availability "Offline": use one of Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork.',
    );
  });

  it('says what to fix for a missing user, a bad address or a bad discovery URL', () => {
    expect(error([])).toMatch(/^--user is required/);
    expect(error(['--user', 'dana'])).toBe('"dana" is not a sign-in address: use the form name@domain.com.');
    expect(error(['--user', 'a@b.com', '--discover', 'lyncdiscover.contoso.com'])).toMatch(/is not an http\(s\) URL/);
    expect(error(['--user', 'a@b.com', '--discover', 'ftp://x.com/'])).toMatch(/is not an http\(s\) URL/);
  });

  it('refuses a password argument, unknown arguments, missing values and repeats, each in one line', () => {
    expect(error(['--user', 'a@b.com', '--password', 'x'])).toMatch(/UCWA_PASSWORD/);
    expect(error(['--user', 'a@b.com', '--password=S3cr3t!'])).not.toContain('S3cr3t!');
    expect(error(['--user', 'a@b.com', '--colour'])).toMatch(/^Unknown argument "--colour"/);
    expect(error(['--user'])).toMatch(/^--user needs a value/);
    expect(error(['--user', '--json'])).toMatch(/^--user needs a value/);
    expect(error(['--user', 'a@b.com', '--user', 'c@d.com'])).toBe('--user is given twice.');
    expect(error(['--json=yes', '--user', 'a@b.com'])).toBe('--json takes no value.');
    for (const message of [error([]), error(['--x'])]) expect(message).not.toContain('\n');
  });

  it('answers --help with the usage', () => {
    const parsed = parseCliArgs(['--help']);
    expect(parsed).toMatchObject({ ok: false, help: true });
    expect(parsed.ok ? '' : parsed.message).toContain('--availability');
  });

  it('returns the problem typed, with the values its sentence names (never a --password value)', () => {
    const problem = (argv: string[]) => {
      const parsed = parseCliArgs(argv);
      return !parsed.ok && !parsed.help ? parsed.problem : undefined;
    };
    expect(problem(['--user', 'a@b.com', '--availability', 'Offline'])).toEqual({ code: 'unknownAvailability', value: 'Offline' });
    expect(problem(['--user', 'a@b.com', '--password=S3cr3t!'])).toEqual({ code: 'passwordArgument' });
    expect(problem(['--json=yes'])).toEqual({ code: 'takesNoValue', flag: '--json' });
    expect(problem(['--user', 'a@b.com', '--user', 'c@d.com'])).toEqual({ code: 'givenTwice', flag: '--user' });
    expect(problem(['--user', 'dana'])).toEqual({ code: 'notAnAddress', user: 'dana' });
    expect(problem(['--user', 'a@b.com', '--discover', 'x'])).toEqual({ code: 'discoverNotUrl', url: 'x' });
    expect(problem([])).toEqual({ code: 'userRequired' });
  });

  it('speaks Portuguese with a pt-BR translator', () => {
    const pt = translator('pt-BR');
    const message = (argv: string[]): string => {
      const parsed = parseCliArgs(argv, pt);
      if (parsed.ok) throw new Error('expected a failure');
      return parsed.message;
    };
    expect(message(['--user', 'a@b.com', '--availability', 'Offline'])).toBe(
      'Status desconhecido "Offline": use um destes: Online, Busy, DoNotDisturb, BeRightBack, Away, Offwork.',
    );
    expect(message(['--user', 'dana'])).toBe('"dana" não é um endereço de entrada: use o formato nome@dominio.com.');
    expect(message([])).toBe('--user é obrigatório. Use --help para ver como usar.');
    expect(message(['--user', 'a@b.com', '--colour'])).toBe('Argumento desconhecido "--colour". Use --help para ver como usar.');
    expect(message(['--user', 'a@b.com', '--password=S3cr3t!'])).toMatch(/^--password não é aceito .*UCWA_PASSWORD/);
    expect(message(['--user', 'a@b.com', '--password=S3cr3t!'])).not.toContain('S3cr3t!');
    expect(message(['--help'])).toMatch(/^uso: npm run headless -- --user <endereço de entrada>/);
  });

  it('speaks German with a de translator', () => {
    const parsed = parseCliArgs(['--user', 'a@b.com', '--discover', 'ftp://x.com/'], translator('de'));
    expect(parsed.ok ? '' : parsed.message).toBe(
      '--discover „ftp://x.com/“ ist keine http(s)-URL: Geben Sie den AutoDiscover-Stamm an, z. B. https://lyncdiscover.contoso.com/.',
    );
    const twice = parseCliArgs(['--note', 'a', '--note', 'b'], translator('de'));
    expect(twice.ok ? '' : twice.message).toBe('--note ist doppelt angegeben.');
  });
});
