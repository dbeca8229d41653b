/**
 * The bench's output: one table of figures (name, value, unit, target, verdict) on stdout and
 * `bench/results.json` as `{"metrics":[{"name","value","unit","target"?,…}]}`. A missed target is a
 * finding, not a failure: the verdict says MISS and the process still exits 0.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** What a figure should be: at most, at least, or exactly `value`. */
export interface Target {
  op: '<=' | '>=' | '==';
  value: number;
}

export interface Metric {
  /** Stable dotted name, e.g. `visca_serial_9600.idle_overhead_ms.p99`. */
  name: string;
  value: number;
  unit: string;
  target?: Target;
  /** Sample count behind the figure, where it is a statistic. */
  n?: number;
  /** One line on how it was obtained or what it depends on. */
  note?: string;
}

export type Verdict = 'PASS' | 'MISS' | '';

export function verdictOf(m: Metric): Verdict {
  const t = m.target;
  if (!t) return '';
  if (!Number.isFinite(m.value)) return 'MISS';
  const ok = t.op === '<=' ? m.value <= t.value : t.op === '>=' ? m.value >= t.value : m.value === t.value;
  return ok ? 'PASS' : 'MISS';
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return 'n/a';
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 100 ? v.toFixed(1) : v.toFixed(3);
}

const formatTarget = (t: Target | undefined): string => (t ? `${t.op === '==' ? '=' : t.op} ${t.value}` : '');

/** The figures as an aligned text table, then one verdict line per target. */
export function formatReport(metrics: readonly Metric[]): string {
  const rows = metrics.map((m) => [
    m.name,
    formatValue(m.value),
    m.unit,
    formatTarget(m.target),
    verdictOf(m),
    m.n === undefined ? '' : String(m.n),
  ]);
  const header = ['metric', 'value', 'unit', 'target', 'verdict', 'n'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 5 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  const judged = metrics.filter((m) => m.target);
  const missed = judged.filter((m) => verdictOf(m) === 'MISS');
  out.push('', 'Verdicts:');
  for (const m of judged)
    out.push(`  ${verdictOf(m)}  ${m.name} = ${formatValue(m.value)} ${m.unit} (target ${formatTarget(m.target)})`);
  out.push(`  ${judged.length - missed.length}/${judged.length} targets met`);
  const notes = metrics.filter((m) => m.note);
  if (notes.length > 0) {
    out.push('', 'Notes:');
    for (const m of notes) out.push(`  ${m.name}: ${m.note}`);
  }
  return out.join('\n');
}

/** Writes `{"metrics":[…]}` (pretty-printed) to `path`, creating its directory. */
export async function writeResults(
  path: string,
  metrics: readonly Metric[],
  extra: Record<string, unknown> = {},
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const body = {
    metrics: metrics.map((m) => ({
      name: m.name,
      value: Number.isFinite(m.value) ? Math.round(m.value * 1000) / 1000 : null,
      unit: m.unit,
      ...(m.target ? { target: `${m.target.op} ${m.target.value}`, verdict: verdictOf(m) } : {}),
      ...(m.n !== undefined ? { n: m.n } : {}),
    })),
    ...extra,
  };
  await writeFile(path, `${JSON.stringify(body, null, 2)}\n`);
}
