import { round, summarize, table } from '../bench/stats';
import type { SoakReport } from './soak-run';

/** The soak's figures and, for each broken invariant, the seed and the last events, as text. */
export function formatReport(report: SoakReport): string {
  const lines: string[] = [];
  const recovery = summarize(report.recoveryMs);
  lines.push(
    `seed ${report.seed}: ${report.rounds} rounds in ${round(report.realSeconds)} s real, ${round(report.simulatedHours, 2)} h simulated`,
    `server changes ${report.serverChanges}, change-feed entries ${report.feedChanges}`,
    `recoveries ${report.recoveries}, recovery time (simulated) median ${round(recovery.median / 1000)} s, max ${round(recovery.max / 1000)} s`,
    `max heap ${round(report.maxHeapMb)} MB, max open sockets ${report.maxOpenSockets}`,
    '',
    table(['fault', 'injected'], Object.entries(report.faultsInjected).sort((a, b) => b[1] - a[1])),
    '',
    table(['request kind', 'count'], Object.entries(report.requestsPerKind)),
    '',
    table(['request', 'count'], report.topRequests),
  );
  if (report.violations.length === 0) lines.push('', 'no broken invariant');
  else {
    lines.push('', `${report.violations.length} broken invariant(s), seed ${report.seed}:`);
    for (const v of report.violations) lines.push(`  round ${v.round} [${v.fault}] ${v.invariant}: ${v.detail}`);
    const last = report.violations[0]!;
    lines.push('', `last events before round ${last.round}'s first broken invariant:`, ...last.lastEvents.map((e) => `  ${e}`));
  }
  return lines.join('\n');
}
