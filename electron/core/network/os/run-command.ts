/**
 * Runs one OS command as an argument array (execFile, never a shell) and collects its output. A missing
 * program becomes an Error naming the Debian package that provides it.
 */
import { execFile } from 'node:child_process';

export interface RunResult {
  /** Exit code; null when killed by a signal (timeout or abort). */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Kill the command after this many ms (SIGKILL); default 10 000. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs `argv[0]` with `argv.slice(1)`. Resolves on any exit; rejects when the program cannot start. */
export type RunCommand = (argv: readonly string[], opts?: RunOptions) => Promise<RunResult>;

/** Debian packages of the programs the network features use (for "install X" messages). */
export const DEBIAN_PACKAGE: Readonly<Record<string, string>> = {
  ip: 'iproute2',
  arping: 'iputils-arping',
  ping: 'iputils-ping',
  nmcli: 'network-manager',
  nmap: 'nmap',
  pkexec: 'pkexec',
  socat: 'socat',
};

/** The error for a program that is not installed. */
export class MissingCommandError extends Error {
  override readonly name = 'MissingCommandError';
  constructor(readonly command: string) {
    const pkg = DEBIAN_PACKAGE[command.split('/').pop() ?? command];
    super(`"${command}" is not installed or not on PATH` + (pkg ? ` (Debian/Ubuntu: apt-get install ${pkg})` : ''));
  }
}

const MAX_OUTPUT = 16 * 1024 * 1024;

/** The real runner: execFile with no shell. */
export const runCommand: RunCommand = (argv, opts = {}) => {
  const [file, ...args] = argv;
  if (!file) return Promise.reject(new TypeError('runCommand: empty argv'));
  if (argv.some((a) => typeof a !== 'string' || a.includes('\0'))) {
    return Promise.reject(new TypeError(`runCommand: every argument must be a string without NUL (${file})`));
  }
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        shell: false,
        timeout: opts.timeoutMs ?? 10_000,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT,
        encoding: 'utf8',
        windowsHide: true,
        ...(opts.signal ? { signal: opts.signal } : {}),
        // C locale: the parsers read English output (arping, ping).
        env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const e = error as NodeJS.ErrnoException & { code?: unknown; killed?: boolean };
          if (e.code === 'ENOENT') return reject(new MissingCommandError(file));
          if (e.code === 'EACCES') return reject(new Error(`"${file}" is not executable (permission denied)`));
          if (e.name === 'AbortError') return reject(e);
          if (typeof e.code === 'number') return resolve({ code: e.code, stdout, stderr });
          // Killed by the timeout or a signal.
          return resolve({ code: null, stdout, stderr });
        }
        resolve({ code: 0, stdout, stderr });
      },
    );
  });
};
