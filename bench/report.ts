/**
 * The targets of the benchmark (issue 15 and the earlier ones) and the table `npm run bench`
 * prints: each figure measured, its target beside it, and whether it was met.
 */
export const TARGETS = {
  /** HTTP transitions against pgbench on the reference, same server, same concurrency. */
  transitionsVsReference: { min: 0.3 },
  /** … and against the same two round trips behind bare node:http + pg. */
  transitionsVsNodeFloor: { min: 0.6 },
  submissionsVsTransitions: { min: 0.5 },
  p99Ms: { max: 50 },
  /** 70% case reads, 20% lists, 10% events at 150 requests/s. */
  mixedP99Ms: { max: 20 },
  apiCpuMsPerTransition: { max: 1.5 },
  postgresCpuMsPerTransition: { max: 1.2 },
  peakRssMb: { max: 200 },
  npmStartMs: { max: 5000 },
  embeddedStartupMsExistingDataDir: { max: 2000 },
  verifyEntriesPerSecond: { min: 200_000 },
  listP95Ms: { max: 20 },
} as const;

export type TargetName = keyof typeof TARGETS;

/** true when met, false when missed, null when not measured. */
export function met(name: TargetName, value: number | null): boolean | null {
  if (value === null || !Number.isFinite(value)) return null;
  const target: { min?: number; max?: number } = TARGETS[name];
  return target.min !== undefined ? value >= target.min : value <= target.max!;
}

function targetText(name: TargetName): string {
  const target: { min?: number; max?: number } = TARGETS[name];
  return target.min !== undefined ? `>= ${target.min}` : `<= ${target.max}`;
}

export type Row = [figure: string, measured: string, target?: TargetName, value?: number | null];

export function printTable(rows: Row[]): void {
  const cells = rows.map(([figure, measured, target, value]) => [
    figure,
    measured,
    target ? targetText(target) : '',
    target ? { true: 'ok', false: 'MISSED', null: '?' }[String(met(target, value ?? null))]! : '',
  ]);
  const header = ['figure', 'measured', 'target', ''];
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((r) => r[c].length)));
  const line = (r: string[]) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  process.stdout.write(`\n${line(header)}\n${widths.map((n) => '-'.repeat(n)).join('  ')}\n`);
  for (const r of cells) process.stdout.write(`${line(r)}\n`);
}

/** `n` with `digits` decimals, or '?' when not measured. */
export function fixed(n: number | null, digits = 2): string {
  return n === null || !Number.isFinite(n) ? '?' : n.toFixed(digits);
}
