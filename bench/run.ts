/**
 * `npm run bench`: measures the motion path end to end and prints the figures, then the verdicts.
 * Serial figures come from one run over a real socat pty pair at 9600 baud 8N1 against the simulated
 * camera; the loss figures from VISCA over IP on loopback. Writes bench/results.json.
 *
 * Exit status: 0 whenever the bench ran, whatever the verdicts (a bench measures, it does not fail);
 * 1 when it could not run (socat missing, a port that would not open, the time limit).
 *
 * Options: `--quick` (short runs, for trying the bench itself), `--only=serial,naive,ip,ui,discovery`.
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runDiscoveryBench } from './discovery-bench';
import { runIpLossBench } from './ip-loss-bench';
import { runNaiveFifoBench } from './naive-fifo-bench';
import { formatReport, writeResults, type Metric } from './report';
import { runSerialBench } from './serial-bench';
import { runUiBench } from './ui-bench';
import { createPtyPair } from '../electron/core/sim/pty-pair';
import { now } from './timing';

/** The whole bench must end by itself well within this (normally ≈ 3.5 min). */
const HARD_LIMIT_MS = 6 * 60 * 1000;
const RESULTS = fileURLToPath(new URL('../../bench/results.json', import.meta.url));

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const only = args
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');
const wants = (section: string) => !only || only.includes(section);
const started = now();
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const say = (line: string) =>
  process.stdout.write(`[${((now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}\n`);

async function main(): Promise<number> {
  // Fail early, and say what is missing, before measuring anything.
  try {
    const probe = await createPtyPair();
    await probe.close();
  } catch (e) {
    process.stderr.write(`bench: cannot run: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
  say(
    `PTZ Console bench${quick ? ' (--quick: short runs, figures not comparable)' : ''}; node ${process.version}, ` +
      `${cpus().length} CPUs, load average ${load()} (other work on this machine shows up as noise)`,
  );
  const loadBefore = load();
  const metrics: Metric[] = [];
  if (wants('serial'))
    metrics.push(
      ...(await runSerialBench({
        idleTrials: quick ? 20 : 120,
        idleBudgetMs: quick ? 10_000 : 60_000,
        longRunMs: quick ? 3000 : 10_000,
        shortRuns: quick ? 2 : 8,
        shortRunMs: 3000,
        say,
      })),
    );
  if (wants('naive'))
    metrics.push(
      ...(await runNaiveFifoBench({
        controlTrials: quick ? 20 : 120,
        longRunMs: quick ? 3000 : 10_000,
        shortRuns: quick ? 1 : 8,
        shortRunMs: 3000,
        say,
      })),
    );
  if (wants('ip'))
    metrics.push(
      ...(await runIpLossBench({
        trials: quick ? 40 : 200,
        cameras: 4,
        budgetMs: quick ? 20_000 : 90_000,
        loss: 0.3,
        watchMs: 300,
        stopDeadlineMs: 5000,
        say,
      })),
    );
  if (wants('ui')) metrics.push(...(await runUiBench({ dragMs: quick ? 3000 : 10_000, say })));
  if (wants('discovery')) metrics.push(...(await runDiscoveryBench({ say })));
  say(`done in ${((now() - started) / 1000).toFixed(1)} s; load average ${load()}`);
  process.stdout.write(`\n${formatReport(metrics)}\n`);
  await writeResults(RESULTS, metrics, {
    generatedAt: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: { before: loadBefore, after: load() },
    quick,
  });
  process.stdout.write(`\nwrote ${RESULTS}\n`);
  return 0;
}

// Interrupted: exit through process.exit so the pty helper's exit hook kills socat.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
const limit = setTimeout(() => {
  process.stderr.write(`bench: cannot finish: still running after ${HARD_LIMIT_MS / 60000} min, giving up\n`);
  process.exit(1);
}, HARD_LIMIT_MS);
limit.unref();

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`bench: cannot run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  },
);
