/** Minimal structured logger for the core; the Electron shell and the web host can route it elsewhere. */
export interface Logger {
  debug(message: string, ...details: unknown[]): void;
  info(message: string, ...details: unknown[]): void;
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
}

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;
export type LogLevel = keyof typeof LEVELS;

/** A console logger with a level threshold (`PTZ_LOG=debug|info|warn|error|silent`). */
export function createConsoleLogger(scope = 'ptz', level: LogLevel = readLevel()): Logger {
  const at = LEVELS[level];
  const out = (l: Exclude<LogLevel, 'silent'>, message: string, details: unknown[]) => {
    if (LEVELS[l] < at) return;
    const line = `[${new Date().toISOString()}] ${l.toUpperCase()} ${scope}: ${message}`;
    (l === 'error' || l === 'warn' ? console.error : console.log)(line, ...details);
  };
  return {
    debug: (m, ...d) => out('debug', m, d),
    info: (m, ...d) => out('info', m, d),
    warn: (m, ...d) => out('warn', m, d),
    error: (m, ...d) => out('error', m, d),
  };
}

function readLevel(): LogLevel {
  const v = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.PTZ_LOG;
  return v && v in LEVELS ? (v as LogLevel) : 'info';
}

/** A logger that drops everything (tests). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
