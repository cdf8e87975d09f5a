/**
 * axe-core run inside a renderer page: every rule over the whole document, the violations returned as
 * plain data, and an assertion that none of them is serious or critical.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** One failing axe rule and the nodes it failed on. */
export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  /** Each failing node's CSS target path, as axe gives it (frames and shadow roots nest). */
  readonly targets: readonly string[];
}

/** Impacts that fail a test. */
export const BLOCKING_IMPACTS: ReadonlySet<AxeViolation['impact']> = new Set(['serious', 'critical']);

let axeSource: Promise<string> | undefined;

/**
 * Runs axe over `document` (or only inside `include`, when given) with all its rules. The source is
 * evaluated through the debugger protocol, so the page's CSP stays on; no preload, since fetching the
 * stylesheets is exactly what that CSP refuses.
 */
export async function axeViolations(page: Page, include?: readonly string[]): Promise<AxeViolation[]> {
  axeSource ??= readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await axeSource);
  return page.evaluate(async (selectors) => {
    type Result = { violations: { id: string; impact: AxeViolation['impact']; help: string; nodes: { target: unknown[] }[] }[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const context =
      selectors === null ? document : { include: selectors.filter((s) => document.querySelector(s) !== null).map((s) => [s]) };
    const result = await axe.run(context, { resultTypes: ['violations'], preload: false });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >>> ') : String(t))).join(' | ')),
    }));
  }, include ?? null);
}

/** The violations as "impact rule (n nodes): help — target, target…" lines, for a failure message or a log. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact ?? 'unknown'} ${v.id} (${v.targets.length} nodes): ${v.help} — ${v.targets.slice(0, 10).join(', ')}`)
    .join('\n');
}

/**
 * Throws, naming each rule and its node targets, when axe finds a serious or critical violation in the
 * page; returns every violation (the minor and moderate ones too) so a caller can report them.
 */
export async function expectNoSeriousViolations(page: Page, state: string, include?: readonly string[]): Promise<AxeViolation[]> {
  const violations = await axeViolations(page, include);
  assertNoSeriousViolations(state, violations);
  return violations;
}

/** Throws, naming each rule and its node targets, when `violations` hold a serious or critical one. */
export function assertNoSeriousViolations(state: string, violations: readonly AxeViolation[]): void {
  const blocking = violations.filter((v) => BLOCKING_IMPACTS.has(v.impact));
  if (blocking.length > 0) {
    throw new Error(`axe found serious or critical violations (${state}):\n${describeViolations(blocking)}`);
  }
}
