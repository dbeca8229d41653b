// `npm start`: builds, then opens the Electron window where Electron can start; otherwise says why in one
// line and serves the same console through the web host on 127.0.0.1, printing its URL.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const passThrough = process.argv.slice(2);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** The Electron executable, or the reason there is none. Electron ≥ 42 downloads it on first use. */
function findElectron() {
  if (process.env.PTZ_NO_ELECTRON === '1') return { reason: 'PTZ_NO_ELECTRON=1 is set' };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)' };
  }
  const r = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
    cwd: root,
    encoding: 'utf8',
    timeout: 300_000, // a first download on a slow link
  });
  const exe = r.stdout?.trim();
  if (r.status === 0 && exe && existsSync(exe)) return { exe };
  const why =
    `${r.stderr ?? ''}`
      .split('\n')
      .find((l) => /Error|failed/i.test(l))
      ?.trim() ?? `exit ${r.status}`;
  return { reason: `the Electron binary is not available (${why})` };
}

function serveWeb(reason) {
  console.log(`Electron cannot start here: ${reason}. Serving the console through the web host instead.`);
  const child = spawn(process.execPath, [path.join(root, 'out/node/web-host.mjs'), ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code) => process.exit(code ?? 0));
}

run(process.execPath, [path.join(root, 'scripts/build.mjs')]);
const electron = findElectron();
if (!electron.exe) {
  serveWeb(electron.reason);
} else {
  const started = Date.now();
  const child = spawn(electron.exe, [path.join(root, 'out/main/index.cjs'), ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => {
    // A window that dies at once (no GPU, sandbox refused…) falls back to the browser console.
    if (code !== 0 && !signal && Date.now() - started < 5000) serveWeb(`Electron exited at start (code ${code})`);
    else process.exit(code ?? 0);
  });
}
