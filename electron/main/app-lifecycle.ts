/** Quitting and crashing the main process without leaving a camera moving. */
import type { App } from 'electron';
import type { PtzCore } from '../core/core-api';
import type { Logger } from '../core/logger';
import { MAIN_PROCESS_CTX } from './renderer-clients';

/** Longest wait for the core to stop every camera and close its links on quit (ms). */
export const SHUTDOWN_DEADLINE_MS = 3_000;
/** Longest wait for stop-all after an uncaught exception before exiting anyway (ms). */
export const CRASH_STOP_DEADLINE_MS = 1_000;

type CoreRef = () => PtzCore | null;

/**
 * Quit path: `before-quit` is held once until `core.shutdown()` finishes (or the deadline passes), then
 * quitting resumes. Closing the last window and SIGINT/SIGTERM (systemd stop) take the same path.
 */
export function setupQuitHandling(
  app: Pick<App, 'on' | 'quit'>,
  proc: Pick<NodeJS.Process, 'on'>,
  core: CoreRef,
  log: Logger,
  deadlineMs = SHUTDOWN_DEADLINE_MS,
): void {
  let phase: 'running' | 'stopping' | 'done' = 'running';
  app.on('before-quit', (event) => {
    if (phase === 'done') return;
    event.preventDefault();
    if (phase === 'stopping') return;
    phase = 'stopping';
    const shutdown = core()?.shutdown() ?? Promise.resolve();
    void withDeadline(shutdown, deadlineMs, 'shutdown', log).finally(() => {
      phase = 'done';
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
  // Without these, a signal would end the process before any camera is told to stop.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) proc.on(signal, () => app.quit());
}

/** Uncaught exception in main: stop all motion (bounded wait), then exit 1 and let the supervisor restart us. */
export function setupCrashHandling(
  app: Pick<App, 'exit'>,
  proc: Pick<NodeJS.Process, 'on'>,
  core: CoreRef,
  log: Logger,
  deadlineMs = CRASH_STOP_DEADLINE_MS,
): void {
  let exiting = false;
  proc.on('uncaughtException', (error) => {
    log.error('uncaught exception in the main process: stopping all motion and exiting', error);
    if (exiting) return;
    exiting = true;
    const c = core();
    const stop = c ? c.dispatcher.invoke(MAIN_PROCESS_CTX, 'motion', 'stopAll', undefined) : Promise.resolve();
    void withDeadline(stop, deadlineMs, 'stop-all', log).finally(() => app.exit(1));
  });
  proc.on('unhandledRejection', (reason) => log.error('unhandled promise rejection in the main process', reason));
}

/** Resolves when `work` settles or after `ms`, whichever is first; never rejects. */
async function withDeadline(work: Promise<unknown>, ms: number, what: string, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      log.warn(`${what} did not finish within ${ms} ms; continuing`);
      resolve();
    }, ms);
  });
  const done = work.then(
    () => undefined,
    (e: unknown) => log.error(`${what} failed`, e),
  );
  await Promise.race([done, deadline]);
  clearTimeout(timer);
}
