/**
 * The chaos soak: the real engine against the in-process simulator under a seeded schedule of
 * faults while the server's contact list and presence change; every invariant is checked after
 * each fault's quiet period and at the end. Exits 1 on a broken invariant.
 *
 *   npm run soak -- --minutes N --seed S [--faults all|kind,kind…] [--during-faults none|choices,groupRemovals] [--keep-going]
 *
 * Without --faults it draws from the whole matrix (SOAK_DEFAULT_FAULTS); the user's choices and
 * group deletions happen mid-fault too unless --during-faults names fewer (`none`: only between faults).
 */
import { FAULT_KINDS, parseFaultList } from './soak/fault-matrix';
import { SOAK_DEFAULT_DURING_FAULTS, SOAK_DEFAULT_FAULTS } from './soak/default-faults';
import { formatReport } from './soak/report';
import { runSoak } from './soak/soak-run';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const minutes = Number(option('minutes') ?? '10');
  const seed = Number(option('seed') ?? '1');
  if (!(minutes > 0) || !Number.isInteger(seed)) {
    process.stderr.write('usage: npm run soak -- --minutes N --seed S [--faults all|kind,…] [--during-faults none|choices,groupRemovals] [--keep-going]\n');
    return 2;
  }
  const faultText = option('faults');
  const faults = faultText === undefined ? SOAK_DEFAULT_FAULTS : parseFaultList(faultText);
  process.stdout.write(`chaos soak: ${minutes} min, seed ${seed}, faults ${faults.join(', ')}\n`);
  const off = FAULT_KINDS.filter((k) => !faults.includes(k));
  if (off.length > 0) process.stdout.write(`not drawn: ${off.join(', ')}\n`);
  const duringText = option('during-faults');
  const during = duringText === undefined ? [] : duringText.split(',').filter((d) => d !== 'none');
  const unknown = during.filter((d) => d !== 'choices' && d !== 'groupRemovals');
  if (unknown.length > 0) throw new Error(`unknown --during-faults ${unknown.join(',')} (known: none, choices, groupRemovals)`);
  const duringFaults =
    duringText === undefined ? SOAK_DEFAULT_DURING_FAULTS : { choices: during.includes('choices'), groupRemovals: during.includes('groupRemovals') };
  const report = await runSoak({ minutes, seed, faults, duringFaults, keepGoing: process.argv.includes('--keep-going'), progress: (line) => process.stdout.write(`${line}\n`) });
  process.stdout.write(`\n${formatReport(report)}\n`);
  return report.violations.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`soak failed to run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
