// `npm test`: every suite, in order — typecheck, lint, build, unit/integration (Vitest: shared, electron,
// renderer; the network-lab tests run the built out/node/*.mjs), end-to-end (Playwright in Debian's
// Chromium through the web host). Runs them all even when one fails, then prints one closing line
// `N passed, N failed` (typecheck, lint and build count as one check each) and writes it to
// out/test-summary.txt for CI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, 'out/test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const bin = (name) => path.join(root, 'node_modules/.bin', name);
const rows = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name}: ${[path.basename(cmd), ...args].join(' ')}`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: r.status === 0, status: r.status, seconds };
}

function check(name, cmd, args) {
  const r = step(name, cmd, args);
  rows.push({ name, passed: r.ok ? 1 : 0, failed: r.ok ? 0 : 1, seconds: r.seconds, unit: 'check' });
  return r.ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);

// Build before Vitest: the network-lab integration tests run out/node/lab-camera.mjs and core-stdio.mjs.
const built = check('build', process.execPath, [path.join(root, 'scripts/build.mjs')]);

{
  const out = path.join(results, 'vitest.json');
  const r = step('vitest', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  const j = readJson(out);
  const passed = j?.numPassedTests ?? 0;
  // A crashed run with no report counts as one failure so it can never look green.
  const failed = (j?.numFailedTests ?? 0) + (j ? 0 : 1) + (j?.numTotalTests === 0 ? 1 : 0);
  rows.push({ name: 'vitest', passed, failed: r.ok ? failed : Math.max(failed, 1), seconds: r.seconds, unit: 'tests' });
}

if (built) {
  const out = path.join(results, 'e2e.json');
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) {
    console.error(
      `e2e: no Chromium at ${chromium}. Install Debian's: apt-get install chromium (or set CHROMIUM_PATH).`,
    );
    rows.push({ name: 'e2e', passed: 0, failed: 1, seconds: '0', unit: 'tests' });
  } else {
    const r = step('e2e', bin('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: out });
    const s = readJson(out)?.stats;
    const passed = (s?.expected ?? 0) + (s?.flaky ?? 0);
    const failed = (s?.unexpected ?? 0) + (s ? 0 : 1) + (s && passed === 0 ? 1 : 0);
    rows.push({ name: 'e2e', passed, failed: r.ok ? failed : Math.max(failed, 1), seconds: r.seconds, unit: 'tests' });
  }
} else {
  rows.push({ name: 'e2e', passed: 0, failed: 1, seconds: '0', unit: 'tests (not run: build failed)' });
}

console.log('\n=== summary');
for (const r of rows)
  console.log(
    `${r.name.padEnd(10)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed  ${r.seconds.padStart(6)} s  (${r.unit})`,
  );
const passed = rows.reduce((a, r) => a + r.passed, 0);
const failed = rows.reduce((a, r) => a + r.failed, 0);
const line = `${passed} passed, ${failed} failed`;
writeFileSync(path.join(root, 'out/test-summary.txt'), `${line}\n`);
console.log(line);
process.exit(failed === 0 ? 0 : 1);
