// Full build: the renderer with Vite, then the Node entry points with esbuild.
import { spawnSync } from 'node:child_process';

for (const args of [
  ['vite', 'build', '--config', 'vite.config.mts', '--logLevel', 'warn'],
  ['node', 'scripts/build-node.mjs'],
]) {
  const cmd = args[0] === 'node' ? process.execPath : 'npx';
  const r = spawnSync(cmd, args[0] === 'node' ? args.slice(1) : args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
