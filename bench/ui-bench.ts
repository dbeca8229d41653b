/**
 * The `ui` section: the real renderer in headless Chromium against the real core (web host), with 100
 * simulated VISCA-over-IP cameras in the device list, all of them moving (driven directly on the
 * simulated heads, as another controller would) so the core polls each at the moving rate and pushes
 * their positions to the page. Camera 1's joystick is dragged round a circle for 10 s.
 *
 * - `ui.frame_time_ms.p95`: deltas between consecutive requestAnimationFrame timestamps in the page
 *   during the drag.
 * - `ui.drag_to_core_ms.p99`: each `motion.setVelocity` the core's dispatcher receives for camera 1,
 *   minus the latest pointermove on the joystick at or before it (both epoch ms on this machine: the
 *   page's `timeOrigin + event.timeStamp`, this process's `timeOrigin + now()`).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as PlaywrightTest from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import type { DeviceConfig } from '../shared/model/device';
import { silentLogger } from '../electron/core/logger';
import { Worker } from 'node:worker_threads';
import type { SimWorkerMessage, SimWorkerRequest } from './ui-sim-worker';
import { startConsole, type RunningConsole } from '../electron/web-host/start-console';
import type { Metric } from './report';
import { formatSummary, percentile, summarize } from './stats';
import { poll, sleep } from './timing';

export interface UiBenchOptions {
  /** Simulated cameras in the device list (default 100). */
  cameras?: number;
  /** How long the joystick is dragged (default 10 s). */
  dragMs?: number;
  /** Pointer move period (default 8 ms). */
  moveEveryMs?: number;
  say: (line: string) => void;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SIM_WORKER = path.join(ROOT, 'out/node/bench-ui-sims.mjs');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The same launch arguments as the end-to-end specs (playwright.config.ts). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** One turn of the drag circle, and its radius as a fraction of the pad's. */
const TURN_MS = 2000;
const RADIUS = 0.6;
/** Mouse moves sent but not yet acknowledged by Chromium, at most. */
const MAX_IN_FLIGHT = 4;

/** Epoch ms on this process's monotonic clock (comparable to the page's `timeOrigin + timeStamp`). */
const epochNow = (): number => performance.timeOrigin + performance.now();
const deviceId = (i: number): string => `cam-${String(i + 1).padStart(3, '0')}`;
const f1 = (x: number): string => (Number.isFinite(x) ? x.toFixed(1) : '–');

/** Playwright stays outside the bundle: a specifier esbuild cannot follow, resolved from node_modules at run time. */
async function loadChromium(): Promise<typeof PlaywrightTest.chromium> {
  const specifier = '@playwright/test';
  const mod = (await import(specifier)) as typeof PlaywrightTest;
  return mod.chromium;
}

/** The few browser globals the page-side functions use (this project compiles without the DOM library). */
interface PageElement {
  addEventListener(type: 'pointermove', listener: (e: Event) => void, options: { capture: boolean }): void;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null };
  requestAnimationFrame(callback: (t: number) => void): number;
  __uiBench?: PageRecord & { on: boolean };
}

interface PageRecord {
  /** rAF timestamps (page's performance.now()). */
  frames: number[];
  /** Epoch ms of every pointermove on the joystick. */
  moves: number[];
}

/** Installs the page-side recorders: a rAF loop and a capture-phase pointermove listener on the pad. */
async function instrument(page: Page): Promise<void> {
  await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const rec = { frames: [] as number[], moves: [] as number[], on: true };
    g.__uiBench = rec;
    const pad = g.document.querySelector('[data-testid="joystick"]');
    if (!pad) throw new Error('joystick not found');
    pad.addEventListener('pointermove', (e) => rec.moves.push(performance.timeOrigin + e.timeStamp), {
      capture: true,
    });
    const frame = (t: number) => {
      if (!rec.on) return;
      rec.frames.push(t);
      g.requestAnimationFrame(frame);
    };
    g.requestAnimationFrame(frame);
  });
}

async function collect(page: Page): Promise<PageRecord> {
  return page.evaluate(() => {
    const rec = (globalThis as unknown as PageGlobals).__uiBench;
    if (!rec) throw new Error('page not instrumented');
    rec.on = false;
    return { frames: rec.frames, moves: rec.moves };
  });
}

/**
 * Page clock minus this process's clock (epoch ms), from the round trip with the smallest delay; the
 * figure is within ± half that round trip.
 */
async function clockOffset(page: Page): Promise<{ offset: number; halfRtt: number }> {
  let best = { offset: Number.NaN, halfRtt: Number.POSITIVE_INFINITY };
  for (let k = 0; k < 10; k++) {
    const t0 = epochNow();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const t1 = epochNow();
    if ((t1 - t0) / 2 < best.halfRtt) best = { offset: p - (t0 + t1) / 2, halfRtt: (t1 - t0) / 2 };
  }
  return best;
}

/** For each receipt, receipt minus the latest move at or before it; receipts with no move before are skipped. */
export function matchLatencies(moves: readonly number[], receipts: readonly number[]): number[] {
  const sorted = [...moves].sort((a, b) => a - b);
  const out: number[] = [];
  let i = -1;
  for (const r of [...receipts].sort((a, b) => a - b)) {
    while (i + 1 < sorted.length && sorted[i + 1]! <= r) i++;
    if (i >= 0) out.push(r - sorted[i]!);
  }
  return out;
}

export async function runUiBench(opts: UiBenchOptions): Promise<Metric[]> {
  const { say } = opts;
  const count = opts.cameras ?? 100;
  const dragMs = opts.dragMs ?? 10_000;
  const moveEveryMs = opts.moveEveryMs ?? 8;
  const staticDir = path.join(ROOT, 'out/renderer');
  if (!existsSync(CHROMIUM) || !existsSync(path.join(staticDir, 'index.html'))) {
    say(`ui: skipped: needs Chromium at ${CHROMIUM} (CHROMIUM_PATH) and a built renderer (npm run build)`);
    return [];
  }
  say(
    `ui: ${count} simulated cameras, load average ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );

  let sims: SimThread | null = null;
  let dataDir: string | null = null;
  let running: RunningConsole | null = null;
  let browser: Browser | null = null;
  try {
    // The simulated cameras run on a worker thread: their work must not sit in the console's event loop.
    sims = await startSimThread(count);
    dataDir = await mkdtemp(path.join(tmpdir(), 'ptz-bench-ui-'));
    const devices: DeviceConfig[] = sims.ports.map((port, i) => ({
      id: deviceId(i),
      name: `Camera ${i + 1}`,
      protocol: 'visca-ip',
      host: '127.0.0.1',
      port,
      enabled: true,
    }));
    await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, demoSeeded: true, devices }));
    running = await startConsole({ dataDir, demo: false, staticDir, port: 0, log: silentLogger });
    const core = running.core;
    const online = await poll(() => {
      const list = core.manager.list();
      return list.length === count && list.every((d) => d.status === 'online') ? true : undefined;
    }, 15_000);
    if (!online) throw new Error('ui: not every simulated camera came online within 15 s');

    // Another controller moves every head slowly, after the driver's connect-time stop has gone out (it
    // follows "online" and is retried until confirmed): position changes at every poll, so the driver
    // polls each at its moving rate. Heads the stop caught anyway are started again.
    await sleep(1000);
    for (let k = 0; k < 4; k++) {
      await sims.call('drive-stopped');
      await sleep(500);
    }

    // The core's receipts of camera 1's velocity, stamped as the dispatcher is called.
    const receipts: number[] = [];
    const dispatcher = core.dispatcher;
    const send = dispatcher.send.bind(dispatcher);
    dispatcher.send = (ctx, service, method, rawArgs) => {
      if (service === 'motion' && method === 'setVelocity') {
        const at = epochNow();
        if ((rawArgs as { deviceId?: unknown } | null)?.deviceId === deviceId(0)) receipts.push(at);
      }
      send(ctx, service, method, rawArgs);
    };

    const chromium = await loadChromium();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(running.url);
    const row = page.getByTestId(`device-row-${deviceId(0)}`);
    await row.click({ timeout: 15_000 });
    await page.waitForFunction(
      (id) =>
        (globalThis as unknown as PageGlobals).document
          .querySelector(`[data-testid="device-row-${id}"]`)
          ?.getAttribute('aria-selected') === 'true',
      deviceId(0),
    );
    const pad = page.getByTestId('joystick');
    await page.waitForFunction(
      () =>
        (globalThis as unknown as PageGlobals).document
          .querySelector('[data-testid="joystick"]')
          ?.getAttribute('aria-disabled') !== 'true',
    );
    const box = await pad.boundingBox();
    if (!box) throw new Error('ui: joystick not visible');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const r = (Math.min(box.width, box.height) / 2) * RADIUS;
    const movingAtStart = (await sims.call('moving')) as number;
    const clock = await clockOffset(page);

    await instrument(page);
    await page.mouse.move(cx + r, cy);
    await page.mouse.down();
    receipts.length = 0;
    await sims.call('reset-inquiries');
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const start = performance.now();
    let moves = 0;
    // Moves go out on the 8 ms schedule without waiting for each to be acknowledged (Chromium acknowledges
    // a move once it has been dispatched, which is aligned to frames), a few in flight at most.
    const inFlight = new Set<Promise<void>>();
    for (let k = 0; ; k++) {
      const due = start + k * moveEveryMs;
      const wait = due - performance.now();
      if (wait > 1) await sleep(wait);
      while (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
      const t = performance.now() - start;
      if (t >= dragMs) break;
      const a = (2 * Math.PI * t) / TURN_MS;
      const move = page.mouse.move(cx + r * Math.cos(a), cy + r * Math.sin(a)).finally(() => inFlight.delete(move));
      inFlight.add(move);
      moves++;
    }
    await Promise.all(inFlight);
    loopDelay.disable();
    const dragged = performance.now() - start;
    const inquiries = (await sims.call('inquiries')) as number[];
    const rates = inquiries.map((n) => n / (dragged / 1000)).sort((a, b) => a - b);
    const record = await collect(page);
    await page.mouse.up();

    // Round away the float noise of the differences (16.700000000000045). The page's clock is precise to
    // 5 µs (the web host makes it cross-origin isolated), or 0.1 ms without isolation.
    const frames = record.frames.slice(1).map((t, i) => Math.round((t - record.frames[i]!) * 1000) / 1000);
    const stillMoving = (await sims.call('moving')) as number;
    const latencies = matchLatencies(record.moves, receipts);
    const frameP95 = percentile(frames, 95);
    const dragP99 = percentile(latencies, 99);
    say(
      `ui: ${moves} mouse moves in ${f1(dragged)} ms (asked every ${moveEveryMs} ms); page saw ${record.moves.length} ` +
        `pointermoves, core got ${receipts.length} setVelocity`,
    );
    say(
      `ui: position polls per camera during the drag: min ${f1(rates[0]!)} median ` +
        `${f1(percentile(rates, 50))} max ${f1(rates[rates.length - 1]!)} Hz`,
    );
    say(
      `ui: heads moving at the start ${movingAtStart}/${count}, at the end ${stillMoving}/${count}; this process (core, web host, bench; simulators on a worker thread) ` +
        `event-loop delay p50 ${f1(loopDelay.percentile(50) / 1e6)} p99 ${f1(loopDelay.percentile(99) / 1e6)} ` +
        `max ${f1(loopDelay.max / 1e6)} ms`,
    );
    say(`ui: frame time ${formatSummary(summarize(frames))}, p95 ${f1(frameP95)}`);
    say(`ui: drag → core ${formatSummary(summarize(latencies))}`);
    say(
      `ui: page clock − bench clock = ${clock.offset.toFixed(2)} ± ${clock.halfRtt.toFixed(2)} ms ` +
        `(a constant error in drag → core); load average ${loadavg()
          .map((x) => x.toFixed(2))
          .join(' ')}`,
    );
    return [
      {
        name: 'ui.frame_time_ms.p95',
        value: frameP95,
        unit: 'ms',
        target: { op: '<=', value: 16.7 },
        n: frames.length,
      },
      {
        name: 'ui.drag_to_core_ms.p99',
        value: dragP99,
        unit: 'ms',
        target: { op: '<=', value: 20 },
        n: latencies.length,
      },
    ];
  } finally {
    await browser?.close().catch(() => undefined);
    await running?.stop().catch(() => undefined);
    await sims?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }
}

interface SimThread {
  readonly ports: number[];
  call(op: SimWorkerRequest['op']): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the simulators on a worker thread (out/node/bench-ui-sims.mjs) and waits for their ports. */
async function startSimThread(cameras: number): Promise<SimThread> {
  if (!existsSync(SIM_WORKER)) throw new Error(`ui: ${SIM_WORKER} is missing: run npm run build`);
  const worker = new Worker(SIM_WORKER, { workerData: { cameras } });
  const pending = new Map<number, (value: unknown) => void>();
  let nextId = 1;
  const ports = await new Promise<number[]>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (m: SimWorkerMessage) => {
      if (m.type === 'ready') resolve(m.ports);
      else {
        pending.get(m.id)?.(m.value);
        pending.delete(m.id);
      }
    });
  });
  const call = (op: SimWorkerRequest['op']) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ id, op } as SimWorkerRequest);
    });
  return {
    ports,
    call,
    async close() {
      await call('close');
      await worker.terminate();
    },
  };
}
