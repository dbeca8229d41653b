// The .deb's network helper, installed and run for real. In a private mount namespace (nothing on this
// machine changes) the files are laid out where electron-builder.yml's `deb.fpm` and `extraResources`
// mappings put them, and the installed launcher is run as pkexec runs it: as root, with an empty
// environment. Needs root, unshare (util-linux) and a built out/node (npm run build).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INSTALLED_HELPER } from './helper-client';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const BUNDLE = path.join(ROOT, 'out/node/net-helper.mjs');
const yml = readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');

/** `deb.fpm` entries `src=dest`. */
const fpm = new Map([...yml.matchAll(/^\s*-\s*(build\/linux\/[^=\s]+)=(\/.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]));
const productName = /^productName:\s*(.+)$/m.exec(yml)?.[1]?.trim() ?? '';
const resource =
  /extraResources:\s*\n\s*-\s*from:\s*out\/node\/net-helper\.mjs\s*\n\s*to:\s*(\S+)/.exec(yml)?.[1] ?? '';

interface Ran {
  code: number;
  out: unknown;
  stdout: string;
}

let tmp = '';
let results: Record<string, Ran> = {};

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error('deb-helper.int.test.ts needs root (a private mount namespace)');
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run npm run build first`);
  tmp = mkdtempSync(path.join(tmpdir(), 'ptz-deb-helper-'));
  const launcherDest = fpm.get('build/linux/net-helper')!;
  const resources = `/opt/${productName}/resources`;
  // Runs inside the namespace: tmpfs over /opt and /usr/libexec hides the machine's own, then the package's
  // files go where the .deb puts them. Every command is an argument array.
  const script = `
    import { execFileSync, spawnSync } from 'node:child_process';
    import { copyFileSync, chmodSync, mkdirSync, rmSync } from 'node:fs';
    import path from 'node:path';
    const [launcherSrc, launcherDest, bundle, resources, resourceName] = process.argv.slice(2);
    for (const dir of ['/opt', path.dirname(path.dirname(launcherDest))]) execFileSync('mount', ['-t', 'tmpfs', 'ptz-test', dir]);
    mkdirSync(path.dirname(launcherDest), { recursive: true });
    copyFileSync(launcherSrc, launcherDest);
    chmodSync(launcherDest, 0o755);
    mkdirSync(resources, { recursive: true });
    copyFileSync(bundle, path.join(resources, resourceName));
    const run = (args) => {
      const r = spawnSync('/usr/bin/env', ['-i', launcherDest, ...args], { encoding: 'utf8' });
      return { code: r.status, stdout: r.stdout };
    };
    const out = {
      list: run(['list', 'lo']),
      refused: run(['add-alias', 'lo', '127.0.0.1/8']),
      injected: run(['list', 'lo; reboot']),
      unknown: run(['frobnicate']),
    };
    rmSync(path.join(resources, resourceName));
    out.missing = run(['list', 'lo']);
    process.stdout.write(JSON.stringify(out));
  `;
  const scriptFile = path.join(tmp, 'layout.mjs');
  writeFileSync(scriptFile, script);
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      'unshare',
      [
        '--mount',
        '--propagation',
        'private',
        '--',
        process.execPath,
        scriptFile,
        path.join(ROOT, 'build/linux/net-helper'),
        launcherDest,
        BUNDLE,
        resources,
        resource,
      ],
      { encoding: 'utf8' },
      (e, out, err) => (e ? reject(new Error(`unshare failed: ${err || e.message}`)) : resolve(out)),
    ),
  );
  const raw = JSON.parse(stdout) as Record<string, { code: number; stdout: string }>;
  results = Object.fromEntries(
    Object.entries(raw).map(([k, r]) => [
      k,
      { code: r.code, stdout: r.stdout, out: JSON.parse(r.stdout.trim()) as unknown },
    ]),
  );
}, 60_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('the .deb network helper', () => {
  it('maps the polkit action and the launcher where pkexec and the console look for them', () => {
    expect(fpm.get('build/linux/org.ptzconsole.net-helper.policy')).toBe(
      '/usr/share/polkit-1/actions/org.ptzconsole.net-helper.policy',
    );
    expect(fpm.get('build/linux/net-helper')).toBe(INSTALLED_HELPER);
    const policy = readFileSync(path.join(ROOT, 'build/linux/org.ptzconsole.net-helper.policy'), 'utf8');
    expect(policy).toContain('<action id="org.ptzconsole.net-helper">');
    expect(policy).toContain(`<annotate key="org.freedesktop.policykit.exec.path">${INSTALLED_HELPER}</annotate>`);
    expect(policy).toMatch(/<allow_active>auth_admin_keep<\/allow_active>/);
    // electron-builder installs a .deb under /opt/<productName>; extraResources land in its resources/.
    const launcher = readFileSync(path.join(ROOT, 'build/linux/net-helper'), 'utf8');
    expect(launcher).toContain(`HELPER="/opt/${productName}/resources/${resource}"`);
  });

  it('runs the bundled helper with the system Node and an empty environment, as pkexec does', () => {
    expect(results.list).toMatchObject({
      code: 0,
      out: { ok: true, verb: 'list', interface: 'lo', addresses: [{ address: '127.0.0.1', prefix: 8, primary: true }] },
    });
  });

  it('passes arguments through as separate words: refusals and bad values come back as the helper’s JSON', () => {
    expect(results.refused).toMatchObject({ code: 3, out: { ok: false, error: 'refused' } });
    expect(results.injected).toMatchObject({ code: 2, out: { ok: false, error: 'invalid-argument' } });
    expect(results.unknown).toMatchObject({ code: 2, out: { ok: false, error: 'invalid-argument' } });
  });

  it('says what to reinstall when the bundled helper is missing', () => {
    expect(results.missing).toMatchObject({
      code: 5,
      out: { ok: false, error: 'missing-tool', message: expect.stringMatching(/net-helper\.mjs is missing/) },
    });
  });
});
