/**
 * Prints the longest functions in the product's sources (main/, renderer/, shared/), measured in
 * source lines from the function's first line to its last, nested functions included in their
 * parent. A measuring tool: it prints and exits 0, or exits 1 with `--max N` when a function is
 * longer than N lines.
 *
 *   npm run function-length [-- --top 10] [-- --max 60]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One measured function. */
export interface FunctionLength {
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly lines: number;
}

const ROOTS = ['main', 'renderer', 'shared'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry) && !entry.endsWith('.d.ts') ? [path] : [];
  });
}

function functionName(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) {
    return parent.name.getText();
  }
  if (ts.isCallExpression(parent)) return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  return '(anonymous)';
}

/** Measures every function-like node of one source text. */
export function measureFunctions(file: string, text: string): FunctionLength[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file, name: functionName(node), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function option(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  const value = index >= 0 ? Number(process.argv[index + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : undefined;
}

function main(): void {
  const top = option('--top') ?? 10;
  const max = option('--max');
  const all = ROOTS.flatMap((root) => sourceFiles(root))
    .flatMap((path) => measureFunctions(relative(process.cwd(), path), readFileSync(path, 'utf8')))
    .sort((a, b) => b.lines - a.lines);
  process.stdout.write(`longest ${top} of ${all.length} functions in ${ROOTS.join('/, ')}/:\n`);
  for (const fn of all.slice(0, top)) {
    process.stdout.write(`${String(fn.lines).padStart(5)}  ${fn.file}:${fn.line}  ${fn.name}\n`);
  }
  const over = max === undefined ? [] : all.filter((fn) => fn.lines > max);
  if (over.length > 0) {
    process.stdout.write(`${over.length} function(s) longer than ${max} lines\n`);
    process.exitCode = 1;
  }
}

main();
