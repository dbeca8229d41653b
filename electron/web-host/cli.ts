/**
 * `node out/node/web-host.mjs [--port N] [--no-demo] [--data-dir DIR]`: runs the console without
 * Electron and prints the URL to open. Ctrl+C (or SIGTERM) stops every camera before exiting.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsoleLogger } from '../core/logger';
import { parseCliArgs } from './cli-args';
import { startConsole } from './start-console';

async function main(): Promise<void> {
  const log = createConsoleLogger('web-host');
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2), process.env, os.homedir());
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
  if (options.ignored.length > 0)
    log.warn(`ignoring arguments the web host does not use: ${options.ignored.join(' ')}`);

  // Bundled as out/node/web-host.mjs; the renderer is built to out/renderer.
  const staticDir = fileURLToPath(new URL('../renderer/', import.meta.url));
  if (!existsSync(path.join(staticDir, 'index.html'))) {
    console.error(`No built renderer in ${staticDir}: run \`npm run build\` first.`);
    process.exit(1);
  }

  const running = await startConsole({ dataDir: options.dataDir, demo: options.demo, staticDir, port: options.port });
  console.log(`PTZ Console: ${running.url}`);
  console.log('Ctrl+C to stop');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting for the cameras to stop`);
      process.exit(130);
    }
    stopping = true;
    log.info(`${signal}: stopping every camera`);
    running.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        log.error('shutdown failed', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error('PTZ Console failed to start:', e instanceof Error ? e.message : e);
  process.exit(1);
});
