// Bundles the Node-side entry points with esbuild: the Electron main and preload (CommonJS, what Electron
// loads most reliably), and the plain-Node entry points (web host, simulator, ptzctl, bench) as ES modules.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', sourcemap: true, logLevel: 'warning' };
// Native and Electron-provided modules stay outside the bundle.
const external = ['electron', 'serialport', '@serialport/*', 'bufferutil', 'utf-8-validate'];

const entries = [
  { in: 'electron/main/index.ts', out: 'out/main/index.cjs', format: 'cjs' },
  { in: 'electron/preload/index.ts', out: 'out/preload/index.cjs', format: 'cjs' },
  { in: 'electron/web-host/cli.ts', out: 'out/node/web-host.mjs', format: 'esm' },
  { in: 'electron/core/sim/cli.ts', out: 'out/node/sim.mjs', format: 'esm' },
  { in: 'electron/core/cli/ptzctl.ts', out: 'out/node/ptzctl.mjs', format: 'esm' },
  { in: 'bench/run.ts', out: 'out/node/bench.mjs', format: 'esm' },
  // The UI bench's simulated cameras, on a worker thread of their own.
  { in: 'bench/ui-sim-worker.ts', out: 'out/node/bench-ui-sims.mjs', format: 'esm' },
  // Network lab: the cameras of one namespace, and the core over stdio (run inside the PC namespace).
  { in: 'electron/core/sim/lab-camera.ts', out: 'out/node/lab-camera.mjs', format: 'esm' },
  { in: 'electron/web-host/stdio-cli.ts', out: 'out/node/core-stdio.mjs', format: 'esm' },
  // The privileged network helper (pkexec target): imports only shared/ and Node builtins.
  { in: 'electron/net-helper/cli.ts', out: 'out/node/net-helper.mjs', format: 'esm' },
];

const esmBanner = {
  // Bundled CommonJS dependencies (ws) call require(); give ESM output a real one.
  js: "import { createRequire as __ptzCreateRequire } from 'node:module'; const require = __ptzCreateRequire(import.meta.url);",
};

await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) =>
      build({
        ...common,
        entryPoints: [e.in],
        outfile: e.out,
        format: e.format,
        external,
        ...(e.format === 'esm' ? { banner: esmBanner } : {}),
      }),
    ),
);
