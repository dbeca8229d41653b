/**
 * Serial open errors in words an operator can act on: the binding reports only strings ("Error: Permission
 * denied, cannot open /dev/ttyUSB0"), so the OS code is recovered from the strerror text, and for a port in
 * use the holder is looked up (Linux: /proc/locks, else `fuser`).
 */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';

/**
 * Why a port did not open or stopped working: `code` is the OS code (EACCES, ENOENT, EBUSY for any lock
 * conflict, ENOTTY, EIO…) and `message` says what to do about it.
 */
export class SerialPortError extends Error {
  override readonly name = 'SerialPortError';
  constructor(
    readonly code: string,
    readonly path: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** How long the optional `fuser` look-up may delay an "in use" error, ms. */
const FUSER_TIMEOUT_MS = 1000;

/** Strerror text (Linux/macOS) and Windows phrases in the binding's messages, first match wins. */
const ERROR_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/cannot lock port|resource temporarily unavailable|device or resource busy|resource busy/i, 'EBUSY'],
  [/permission denied|access denied|access is denied|operation not permitted/i, 'EACCES'],
  [/no such file or directory|file not found|cannot find the file/i, 'ENOENT'],
  [/no such device or address/i, 'ENXIO'],
  [/no such device/i, 'ENODEV'],
  [/not a directory/i, 'ENOTDIR'],
  [/is a directory/i, 'EISDIR'],
  [/inappropriate ioctl/i, 'ENOTTY'],
  [/invalid argument/i, 'EINVAL'],
  [/input\/output error/i, 'EIO'],
];

/**
 * Maps an open failure to a `SerialPortError` with the OS code and an operator-facing message. `holder`
 * (e.g. `PID 4711 minicom`) is added to the "in use" message. Exported for tests.
 */
export function toSerialPortError(cause: unknown, path: string, holder?: string | null): SerialPortError {
  const raw = cause instanceof Error ? cause.message : String(cause);
  const ownCode = (cause as { code?: unknown } | null)?.code;
  const code =
    ERROR_PATTERNS.find(([re]) => re.test(raw))?.[1] ??
    (typeof ownCode === 'string' && ownCode !== '' ? ownCode : 'UNKNOWN');
  const linux = process.platform === 'linux';
  let message: string;
  switch (code) {
    case 'EACCES':
      message = linux
        ? `Permission denied on ${path}: add your user to the dialout group (then log out and in) or install the udev rule build/linux/60-ptz-console-serial.rules`
        : `Permission denied on ${path}: check the port's permissions or close the program that owns it`;
      break;
    case 'ENOENT':
    case 'ENOTDIR':
    case 'ENXIO':
    case 'ENODEV':
      message = linux
        ? `No such port ${path} (unplugged? renamed? prefer /dev/serial/by-id/…)`
        : `No such port ${path} (unplugged? renamed?)`;
      break;
    case 'EBUSY':
      message = `${path} is in use by another program${holder ? ` (${holder})` : ''}`;
      break;
    case 'ENOTTY':
    case 'EISDIR':
      message = `${path} is not a serial port`;
      break;
    case 'EINVAL':
      message = `${path} refused the settings (baud rate not supported?): ${raw}`;
      break;
    default:
      message = `Cannot open ${path}: ${raw}`;
  }
  return new SerialPortError(code, path, message, { cause });
}

/**
 * `PID 4711 minicom` for whoever holds `path` (Linux), else null. The flock owner from /proc/locks is exact;
 * when there is none (the other program used TIOCEXCL instead), `fuser` lists every process with it open.
 */
export async function findHolder(path: string): Promise<string | null> {
  if (process.platform !== 'linux') return null;
  let pids = await flockHolders(path).catch(() => [] as string[]);
  if (pids.length === 0) pids = await fuserPids(path);
  if (pids.length === 0) return null;
  const named = await Promise.all(
    [...new Set(pids)].map(async (pid) => {
      if (Number(pid) === process.pid) return `PID ${pid}, this program`;
      const comm = (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim();
      return comm ? `PID ${pid} ${comm}` : `PID ${pid}`;
    }),
  );
  return named.join(', ');
}

/** PIDs holding a flock on `path`, from /proc/locks (`1: FLOCK ADVISORY WRITE 4711 00:1a:3 0 EOF`). */
async function flockHolders(path: string): Promise<string[]> {
  const st = await stat(path, { bigint: true });
  // glibc's dev_t encoding, as the kernel prints it: major:minor in hex.
  const major = ((st.dev >> 8n) & 0xfffn) | ((st.dev >> 32n) & ~0xfffn);
  const minor = (st.dev & 0xffn) | ((st.dev >> 12n) & ~0xffn);
  const pids: string[] = [];
  for (const line of (await readFile('/proc/locks', 'utf8')).split('\n')) {
    const m = /^\d+:\s+FLOCK\s+\S+\s+\S+\s+(\d+)\s+([0-9a-f]+):([0-9a-f]+):(\d+)\s/i.exec(line);
    if (!m || !m[1] || !m[2] || !m[3] || !m[4]) continue;
    if (BigInt(`0x${m[2]}`) === major && BigInt(`0x${m[3]}`) === minor && BigInt(m[4]) === st.ino) pids.push(m[1]);
  }
  return pids;
}

/** PIDs with `path` open, from `fuser` (absent on some systems: then none). */
function fuserPids(path: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('fuser', [path], { timeout: FUSER_TIMEOUT_MS }, (_error, out) =>
      resolve(String(out ?? '').match(/\d+/g) ?? []),
    );
  });
}
