/**
 * A pair of connected pseudo-terminals made by socat: bytes written to one end come out of the other, as
 * through a null-modem cable. Tests and the simulator use it in place of a USB-serial adapter; `unplug`
 * kills socat so both ends vanish, exactly what pulling the adapter does to an open port.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access, lstat, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

export interface PtyPair {
  /** Path of end A: a symlink to its `/dev/pts/N`, stable across `unplug`/`replug`. */
  readonly a: string;
  /** Path of end B. */
  readonly b: string;
  /** True while socat runs (both ends exist). */
  readonly plugged: boolean;
  /** Kills socat: both ends vanish, like pulling a USB adapter. No-op when already unplugged. */
  unplug(): Promise<void>;
  /** Starts socat again with the same link names. No-op when plugged. */
  replug(): Promise<void>;
  /** Kills socat and removes the directory if `createPtyPair` made it. Safe to call twice. */
  close(): Promise<void>;
}

export interface PtyPairOptions {
  /** Directory for the two links; default a fresh temp directory (removed by `close`). */
  dir?: string;
  /** Link names inside `dir`; default `['ptyA', 'ptyB']`. */
  names?: [string, string];
  /** How long to wait for socat to create both links, ms (default 5000). */
  readyTimeoutMs?: number;
}

/** Every socat we started and have not seen exit, killed when this process exits. */
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Characters socat's address syntax would split or interpret inside `link=`. */
const UNSAFE = /[,:!'"\\\s]/;

/** Starts socat with two linked ptys and waits until both links exist. */
export async function createPtyPair(options: PtyPairOptions = {}): Promise<PtyPair> {
  const socat = await findOnPath('socat');
  if (!socat) throw new Error('socat not found: install socat: apt-get install socat');
  // Where available, have the kernel send socat SIGTERM if we die without running exit hooks (SIGKILL, crash).
  const setpriv = process.platform === 'linux' ? await findOnPath('setpriv') : null;

  const createdDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'ptz-pty-')));
  const [nameA, nameB] = options.names ?? ['ptyA', 'ptyB'];
  const a = join(dir, nameA);
  const b = join(dir, nameB);
  if (UNSAFE.test(a) || UNSAFE.test(b)) {
    if (createdDir) await rm(dir, { recursive: true, force: true });
    throw new Error(`pty link paths must not contain , : ! quotes, backslashes or spaces: ${a}, ${b}`);
  }
  const socatArgs = ['-d', '-d', `pty,raw,echo=0,link=${a}`, `pty,raw,echo=0,link=${b}`];
  const command: [string, string[]] = setpriv
    ? [setpriv, ['--pdeathsig', 'TERM', '--', socat, ...socatArgs]]
    : [socat, socatArgs];
  const timeoutMs = options.readyTimeoutMs ?? 5000;

  let child: ChildProcess | null = null;
  let closed = false;
  // unplug/replug/close run one at a time: a dying socat removes its links on the way out, and must not
  // take a newer socat's links (same names) with it.
  let chain: Promise<void> = Promise.resolve();
  const serially = (step: () => Promise<void>): Promise<void> => {
    const run = chain.then(step);
    chain = run.catch(() => undefined);
    return run;
  };
  const start = async () => {
    if (!child) child = await startSocat(command, [a, b], timeoutMs);
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (running) await stopSocat(running, [a, b]);
  };

  try {
    await start();
  } catch (e) {
    if (createdDir) await rm(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    a,
    b,
    get plugged() {
      return child !== null;
    },
    unplug: () => serially(stop),
    replug: () =>
      serially(async () => {
        if (closed) throw new Error('pty pair is closed');
        await start();
      }),
    close: () =>
      serially(async () => {
        closed = true;
        await stop();
        if (createdDir) await rm(dir, { recursive: true, force: true });
      }),
  };
}

async function startSocat(command: [string, string[]], links: string[], timeoutMs: number): Promise<ChildProcess> {
  installExitHook();
  // Links left by a socat that was SIGKILLed would make us think the new one is ready.
  await Promise.all(links.map((l) => rm(l, { force: true })));
  const child = spawn(command[0], command[1], { stdio: ['ignore', 'ignore', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));

  let failure: Error | null = null;
  child.once('error', (e) => (failure = e));
  child.once(
    'exit',
    (code, signal) =>
      (failure ??= new Error(`socat exited (${signal ?? code}) before the ptys were ready: ${stderr.trim()}`)),
  );

  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (failure) break;
    if ((await Promise.all(links.map(exists))).every(Boolean)) return child;
    if (Date.now() > deadline) {
      failure = new Error(`socat did not create ${links.join(' and ')} within ${timeoutMs} ms: ${stderr.trim()}`);
      break;
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  await stopSocat(child, links);
  throw failure;
}

async function stopSocat(child: ChildProcess, links: string[]): Promise<void> {
  // No pid: the spawn itself failed, there is nothing to kill or wait for.
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM'); // socat removes its links on SIGTERM
    const killer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(killer);
  }
  live.delete(child);
  await Promise.all(links.map((l) => rm(l, { force: true })));
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const child of live) child.kill('SIGTERM');
  });
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Absolute path of an executable on PATH, or null. */
async function findOnPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return null;
}
