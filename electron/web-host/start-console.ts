/** The console without Electron: the core plus the web host. Used by the CLI and the end-to-end tests. */
import { createCore, type CoreInstance } from '../core/core';
import { createConsoleLogger, type Logger } from '../core/logger';
import { startWebHost, type WebHost } from './web-host';

export interface ConsoleOptions {
  /** Where the core keeps settings.json. */
  readonly dataDir: string;
  /** Start the embedded simulated cameras. */
  readonly demo: boolean;
  /** The built renderer (out/renderer). */
  readonly staticDir: string;
  /** TCP port of the web host; 0 (the default) picks a free one. */
  readonly port?: number;
  /** WebSocket keepalive interval (ms). */
  readonly keepaliveMs?: number;
  /** Logger for the core and the web host; by default each logs to the console under its own scope. */
  readonly log?: Logger;
}

export interface RunningConsole {
  readonly core: CoreInstance;
  readonly webHost: WebHost;
  /** `http://127.0.0.1:PORT/#token=…`. */
  readonly url: string;
  /** Closes the web host (releasing its clients), then shuts the core down (every camera stopped). Idempotent. */
  stop(): Promise<void>;
}

export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const core = await createCore({
    dataDir: options.dataDir,
    demo: options.demo,
    ...(options.log ? { log: options.log } : {}),
  });
  let webHost: WebHost;
  try {
    webHost = await startWebHost({
      core,
      staticDir: options.staticDir,
      log: options.log ?? createConsoleLogger('web-host'),
      ...(options.port !== undefined ? { port: options.port } : {}),
      ...(options.keepaliveMs !== undefined ? { keepaliveMs: options.keepaliveMs } : {}),
    });
  } catch (e) {
    await core.shutdown(); // e.g. the port is taken: do not leave the simulator and links running
    throw e;
  }
  let stopping: Promise<void> | null = null;
  return {
    core,
    webHost,
    url: webHost.url,
    stop() {
      stopping ??= webHost.close().finally(() => core.shutdown());
      return stopping;
    },
  };
}
