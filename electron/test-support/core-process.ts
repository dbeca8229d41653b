/**
 * The real core as a child process inside the lab's PC namespace (out/node/core-stdio.mjs), driven over
 * JSON lines: calls to contract methods and the contract's events.
 */
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Lab } from './netns-lab';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CORE_STDIO_BIN = path.join(ROOT, 'out/node/core-stdio.mjs');

/** An error the core returned for a call (IpcError on the other side). */
export class CoreCallError extends Error {
  override readonly name = 'CoreCallError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export interface CoreProcess {
  readonly child: ChildProcess;
  /** Invokes `service.method(args)`; rejects with CoreCallError on an IpcError, Error when the core exits. */
  call<T = unknown>(service: string, method: string, args?: unknown): Promise<T>;
  /**
   * The first `event` payload satisfying `predicate` — the latest one already received counts — within
   * `timeoutMs` (default 30 000).
   */
  waitForEvent<T = unknown>(event: string, predicate?: (payload: T) => boolean, timeoutMs?: number): Promise<T>;
  /** The last payload of `event`, if any. */
  latest<T = unknown>(event: string): T | undefined;
  /** Sends a signal (SIGKILL to simulate a crash mid-repair). */
  kill(signal?: NodeJS.Signals): void;
  /** Exit code (null when killed by a signal). */
  readonly exited: Promise<number | null>;
  /** Last lines of the core's stderr (for failure messages). */
  stderrTail(): string;
  /** Ends stdin (clean shutdown) and waits for the exit; SIGKILL after 5 s. */
  close(): Promise<void>;
}

/** Starts the core in the PC namespace and waits for `{"ready":true}`. */
export async function startCoreProcess(o: {
  lab: Lab;
  dataDir: string;
  netHelperCommand?: readonly string[];
  env?: NodeJS.ProcessEnv;
}): Promise<CoreProcess> {
  const argv = [process.execPath, CORE_STDIO_BIN, '--data-dir', o.dataDir];
  if (o.netHelperCommand) argv.push('--net-helper', JSON.stringify(o.netHelperCommand));
  const child = o.lab.spawnInPc(argv, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...o.env } });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const latest = new Map<string, unknown>();
  const listeners = new Set<(event: string, payload: unknown) => void>();
  let nextId = 1;
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));

  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      for (const p of pending.values())
        p.reject(new Error(`core exited (${code}) before answering: ${stderr.slice(-500)}`));
      pending.clear();
      resolve(code);
    }),
  );

  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    let m: {
      ready?: boolean;
      id?: number;
      result?: unknown;
      error?: { code: string; message: string };
      event?: string;
      payload?: unknown;
    };
    try {
      m = JSON.parse(line) as typeof m;
    } catch {
      return;
    }
    if (m.ready) return readyResolve();
    if (typeof m.event === 'string') {
      latest.set(m.event, m.payload);
      for (const l of listeners) l(m.event, m.payload);
      return;
    }
    if (typeof m.id === 'number') {
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      if (m.error) p.reject(new CoreCallError(m.error.code, m.error.message));
      else p.resolve(m.result);
    }
  });

  const startTimeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`core-stdio not ready after 30 s: ${stderr.slice(-1000)}`)), 30_000).unref(),
  );
  await Promise.race([
    ready,
    startTimeout,
    exited.then((c) => {
      throw new Error(`core-stdio exited (${c}) before it was ready: ${stderr.slice(-1000)}`);
    }),
  ]);

  return {
    child,
    call<T>(service: string, method: string, args?: unknown): Promise<T> {
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        if (child.exitCode !== null || child.signalCode !== null) return reject(new Error('core has exited'));
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        child.stdin!.write(`${JSON.stringify({ id, service, method, args: args ?? null })}\n`);
      });
    },
    waitForEvent<T>(event: string, predicate: (p: T) => boolean = () => true, timeoutMs = 30_000): Promise<T> {
      if (latest.has(event) && predicate(latest.get(event) as T)) return Promise.resolve(latest.get(event) as T);
      return new Promise<T>((resolve, reject) => {
        const t = setTimeout(() => {
          listeners.delete(l);
          reject(
            new Error(
              `no ${event} matching within ${timeoutMs} ms; last: ${JSON.stringify(latest.get(event))?.slice(0, 2000)}`,
            ),
          );
        }, timeoutMs);
        const l = (e: string, p: unknown): void => {
          if (e !== event || !predicate(p as T)) return;
          clearTimeout(t);
          listeners.delete(l);
          resolve(p as T);
        };
        listeners.add(l);
      });
    },
    latest: <T>(event: string) => latest.get(event) as T | undefined,
    kill: (signal = 'SIGKILL') => void child.kill(signal),
    exited,
    stderrTail: () => stderr,
    async close() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.stdin!.end();
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    },
  };
}
