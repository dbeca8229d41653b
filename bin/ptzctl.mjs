#!/usr/bin/env node
// ptzctl launcher: builds the Node bundles on first use (out/node/ptzctl.mjs missing), then runs ptzctl.
// After changing the sources, `npm run build:node` refreshes the bundle.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'out', 'node', 'ptzctl.mjs');

if (!existsSync(bundle)) {
  process.stderr.write('ptzctl: first run, building out/node/ptzctl.mjs …\n');
  // The build's own output goes to stderr, so ptzctl's stdout stays clean for pipes.
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-node.mjs')], {
    cwd: root,
    stdio: ['ignore', 2, 'inherit'],
  });
  if (build.status !== 0 || !existsSync(bundle)) {
    const why = build.error ? build.error.message : `exit code ${build.status ?? build.signal}`;
    process.stderr.write(`ptzctl: the build failed (${why}); run npm install, then npm run build:node\n`);
    process.exit(1);
  }
}

await import(pathToFileURL(bundle).href);
