// The repair wizard end to end in a network lab: the web host (real core, real `ip` through the bundled
// net helper) and Chromium both run inside the lab's PC namespace (198.51.100.10/24); one simulated camera
// sits in 203.0.113.0/24 in its own namespace: a Sony camera (IP-setup), or an ONVIF-only one that wants a
// login. Each spec finds it with discovery, repairs it through the wizard UI, and checks the camera's new
// address and that the PC's addresses and routes are as before.
// Needs root (namespaces); fails with the lab's message otherwise.
import { chromium, expect, test, type Browser } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { cleanupStaleLabs, createLab, type Lab, type LabCameraSpec } from '../../electron/test-support/netns-lab';
import { DiscoveryPage, type DiscoveryMethodName } from '../pages/discovery-page';
import { RepairPage } from '../pages/repair-page';

const root = path.resolve(import.meta.dirname, '../..');
const PREFIX = 'e2erw';
const CAMERA = { ip: '203.0.113.68', prefix: 24, mac: '02:00:5e:00:53:68', name: 'CAM68' } as const;
const LOGIN = { username: 'admin', password: 'e2e-Onvif pass' } as const;
/** ONVIF only (no IP-setup); its clock runs an hour ahead, as a camera never set up would. */
const ONVIF_CAMERA = {
  ip: '203.0.113.69',
  prefix: 24,
  mac: '02:00:5e:00:53:69',
  name: 'CAM69',
  ipSetup: false,
  onvif: { ...LOGIN, clockOffsetMs: 3_600_000 },
} as const;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let lab: Lab | undefined;
let host: ChildProcess | undefined;
let browser: Browser | undefined;
let workDir: string | undefined;

test.afterEach(async () => {
  await browser?.close().catch(() => {});
  host?.kill('SIGTERM');
  await lab?.destroy();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Resolves with the URL the web host prints (`PTZ Console: http://…`). */
function hostUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the web host printed no URL: ${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /PTZ Console: (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`the web host exited ${code}: ${out}`)));
  });
}

/**
 * A lab with `camera`, the web host and Chromium in its PC namespace; the console page, with discovery run
 * by `methods` and the camera's row checked (other subnet, unreachable). Resolves with the page objects and
 * the PC's snapshot, taken once the namespace has settled (the repair's baseline).
 */
async function consoleInLab(camera: LabCameraSpec & { ip: string }, methods: readonly DiscoveryMethodName[]) {
  cleanupStaleLabs(PREFIX);
  lab = await createLab({
    prefix: PREFIX,
    pc: { addresses: [{ address: '198.51.100.10', prefix: 24 }] },
    cameraHosts: [{ cameras: [{ ...camera }] }],
  });

  workDir = await mkdtemp(path.join(tmpdir(), 'ptz-e2e-repair-'));
  const dataDir = path.join(workDir, 'data');
  await mkdir(dataDir);
  await writeFile(path.join(dataDir, 'settings.json'), JSON.stringify({ version: 1, demoSeeded: true, devices: [] }));
  host = lab.spawnInPc(
    ['node', path.join(root, 'out/node/web-host.mjs'), '--port', '0', '--no-demo', '--data-dir', dataDir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const url = await hostUrl(host);

  // Chromium in the PC namespace too: the page's loopback must be the web host's.
  const wrapper = path.join(workDir, 'chromium-in-pc.sh');
  await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${lab.pcNs} ${CHROMIUM} "$@"\n`);
  await chmod(wrapper, 0o755);
  browser = await chromium.launch({
    executablePath: wrapper,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url);

  const discovery = new DiscoveryPage(page);
  await discovery.open();
  await discovery.choose({ methods });
  await discovery.start();
  await discovery.waitFinished();
  const row = discovery.rowWithIp(camera.ip);
  await expect(row).toHaveCount(1);
  await expect(row).toHaveAttribute('data-reachable', 'false');
  await expect(discovery.conflicts(row)).toContainText('Other subnet');
  const before = await lab.snapshotPc();
  return { page, discovery, row, before, wizard: new RepairPage(page) };
}

test('a camera in another subnet is found, repaired through the wizard, and the PC is left as it was', async () => {
  test.setTimeout(180_000);
  const { discovery, row, before, wizard } = await consoleInLab(CAMERA, ['ip-setup']);
  await discovery.repair(row);
  await wizard.expectAt('plan');
  await expect(wizard.step('diagnose')).toHaveAttribute('data-status', 'complete');
  await expect(wizard.diagnosis).toContainText(CAMERA.ip);
  const target = await wizard.field('target').inputValue();
  expect(target).toMatch(/^198\.51\.100\.\d+$/);

  await wizard.proceed();
  await wizard.expectAt('done', 120_000);
  for (const s of ['alias', 'verify', 'readdress', 'confirm', 'cleanup', 'done'] as const) {
    await expect(wizard.step(s)).toHaveAttribute('data-status', 'complete');
  }
  await expect(wizard.done).toContainText(target);
  expect((await lab!.camera(CAMERA.mac).state()).ip).toBe(target);
  expect(await lab!.snapshotPc()).toBe(before);

  await wizard.close();
  await expect(discovery.root).toBeVisible(); // back where the repair was started
});

test('an ONVIF camera that wants a login is readdressed with the login typed into the plan', async () => {
  test.setTimeout(180_000);
  const { discovery, row, before, wizard } = await consoleInLab(ONVIF_CAMERA, ['ws-discovery']);
  await discovery.repair(row);
  await wizard.expectAt('plan');
  await expect(wizard.root.getByTestId('repair-method')).toContainText('ONVIF');
  const target = await wizard.field('target').inputValue();
  await wizard.enterLogin(LOGIN.username, LOGIN.password);

  await wizard.proceed();
  await wizard.expectAt('done', 120_000);
  await expect(wizard.done).toContainText(target);
  expect((await lab!.camera(ONVIF_CAMERA.mac).state()).ip).toBe(target);
  expect(await lab!.snapshotPc()).toBe(before);
  // The session names the user it logged in as; the password is nowhere on the page.
  await expect(wizard.log).toContainText(`ONVIF login set: user ${LOGIN.username}`);
  expect(await wizard.page.content()).not.toContain(LOGIN.password);
});
