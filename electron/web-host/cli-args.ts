/** Command line of the web-host entry point (pure, so it is tested without starting anything). */
import path from 'node:path';

export interface CliOptions {
  /** 0 = any free port. */
  readonly port: number;
  readonly demo: boolean;
  readonly dataDir: string;
  /** Arguments that were ignored, for a warning (e.g. Electron-only flags such as `--kiosk`). */
  readonly ignored: readonly string[];
}

export const USAGE = 'Usage: web-host [--port N] [--no-demo] [--data-dir DIR]';

/**
 * Default data directory: `$PTZ_DATA_DIR`, else `${XDG_CONFIG_HOME:-~/.config}/ptz-console`.
 * Empty variables count as unset, as in the shell's `:-`.
 */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  if (env.PTZ_DATA_DIR) return path.resolve(env.PTZ_DATA_DIR);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'ptz-console');
}

/** Parses `argv` (without node and script). Throws an Error with a one-line message on a bad value. */
export function parseCliArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  home: string,
): CliOptions {
  let port = 0;
  let demo = env.PTZ_DEMO !== '0';
  let dataDir = defaultDataDir(env, home);
  const ignored: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} needs a value. ${USAGE}`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const raw = value();
        const n = Number(raw);
        if (!/^\d+$/.test(raw) || n > 65535) throw new Error(`--port must be 0–65535, not ${JSON.stringify(raw)}`);
        port = n;
        break;
      }
      case '--no-demo':
        demo = false;
        break;
      case '--data-dir':
        dataDir = path.resolve(value());
        break;
      default:
        ignored.push(arg);
    }
  }
  return { port, demo, dataDir, ignored };
}
