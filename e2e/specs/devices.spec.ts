// The camera form end to end: an operator adds a camera (the form refuses a bad host, the core accepts a
// good one and connects to a simulated camera), renames it, removes it, and cannot add a second entry
// for a camera that is already configured.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../electron/core/sim/simulator';
import { CAMERAS, expect, test as base } from '../fixtures/console-fixture';
import { DeviceFormPage } from '../pages/device-form-page';

/** A third simulated camera, beside the fixture's two, for the camera this spec adds. */
const test = base.extend<{ spare: Simulator }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
  spare: async ({}, use) => {
    const sim = await startSimulator({ cameras: 1, host: '127.0.0.1' });
    await use(sim);
    await sim.close();
  },
});

/** Camera names in the settings file the core writes. */
async function savedNames(dataDir: string): Promise<string[]> {
  const settings = JSON.parse(await readFile(path.join(dataDir, 'settings.json'), 'utf8')) as {
    devices: { name: string }[];
  };
  return settings.devices.map((d) => d.name);
}

test('adds a camera: a bad host is refused in the form, a good one connects', async ({ consolePage, spare }) => {
  const port = spare.cameras[0]!.port;
  const form = await consolePage.openAddForm();
  await form.fill({ protocol: 'visca-ip', name: 'Camera C', host: '999.1.1.1', port });
  await form.submit();
  await expect(form.error('host')).toHaveText('host must be an IPv4 address (e.g. 192.0.2.10) or a host name');
  await expect(form.field('host')).toBeFocused();
  await expect(form.field('host')).toHaveAttribute('aria-invalid', 'true');
  await expect(consolePage.rows).toHaveCount(CAMERAS.length);

  await form.fill({ host: '127.0.0.1' });
  await expect(form.error('host')).toBeHidden();
  await form.submit();
  await form.expectClosed();
  await expect(consolePage.addCameraButton).toBeFocused();

  const row = consolePage.rowNamed('Camera C');
  await expect(row).toContainText(`VISCA over IP · 127.0.0.1:${port}`);
  await expect(consolePage.statusIn(row)).toHaveAttribute('data-status', 'online');
  await expect.poll(() => spare.cameras[0]!.server.received.length).toBeGreaterThan(0);
  await expect(consolePage.rows).toHaveCount(CAMERAS.length + 1);
});

test('renames an added camera, then removes it', async ({ consolePage, spare, app }) => {
  const port = spare.cameras[0]!.port;
  await consolePage.addCamera({ protocol: 'visca-ip', name: 'Camera C', host: '127.0.0.1', port });
  await expect(consolePage.statusIn(consolePage.rowNamed('Camera C'))).toHaveAttribute('data-status', 'online');

  const form = await consolePage.openEditForm('Camera C');
  await expect(form.title).toHaveText('Edit Camera C');
  await expect(form.field('host')).toHaveValue('127.0.0.1');
  await expect(form.field('port')).toHaveValue(String(port));
  await form.fill({ name: 'Camera C wide' });
  await form.field('name').press('Enter');
  await form.expectClosed();
  await expect(consolePage.editButton).toBeFocused();

  const renamed = consolePage.rowNamed('Camera C wide');
  await expect(renamed).toBeVisible();
  await expect(consolePage.rowNamed('Camera C')).toHaveCount(0);
  await expect(consolePage.statusIn(renamed)).toHaveAttribute('data-status', 'online');
  await expect.poll(() => savedNames(app.dataDir)).toContain('Camera C wide');

  await consolePage.removeCamera('Camera C wide');
  await expect(renamed).toHaveCount(0);
  await expect(consolePage.rows).toHaveCount(CAMERAS.length);
  await expect.poll(() => savedNames(app.dataDir)).toEqual(CAMERAS.map((c) => c.name));
});

test('a second entry for a configured camera is refused with the reason, keeping what was typed', async ({
  consolePage,
  sim,
}) => {
  const port = sim.cameras[0]!.port; // cam-a's
  const form = await consolePage.openAddForm();
  await form.fill({ protocol: 'visca-ip', name: 'Duplicate', host: '127.0.0.1', port });
  await form.submit();
  await expect(form.serverError).toContainText(`"${CAMERAS[0].name}" already uses 127.0.0.1:${port}`);
  await expect(form.root).toBeVisible();
  await expect(form.field('name')).toHaveValue('Duplicate');
  await expect(form.field('host')).toHaveValue('127.0.0.1');
  await expect(form.field('port')).toHaveValue(String(port));

  await form.cancelButton.click();
  await form.expectClosed();
  await expect(consolePage.rows).toHaveCount(CAMERAS.length);
});

test('Escape closes the form and is still STOP ALL', async ({ consolePage }) => {
  const form = await consolePage.openAddForm();
  await form.fill({ name: 'Half typed' });
  await consolePage.page.keyboard.press('Escape');
  await form.expectClosed();
  await expect(consolePage.notice).toContainText(`Stop sent to ${CAMERAS.length} cameras`);
  await expect(consolePage.addCameraButton).toBeFocused();
});

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
]) {
  test(`at ${viewport.width}×${viewport.height} the serial form fits and STOP ALL stays clickable`, async ({
    consolePage,
  }) => {
    await consolePage.page.setViewportSize(viewport);
    const form = await consolePage.openAddForm();
    await form.fill({ protocol: 'pelco-d' });
    for (const field of ['protocol', 'path', 'baudRate', 'address', 'enabled'] as const) {
      await expect(form.field(field)).toBeInViewport({ ratio: 1 });
    }
    await expect(form.submitButton).toBeInViewport({ ratio: 1 });
    await consolePage.stopAll.click();
    await expect(consolePage.notice).toContainText(`Stop sent to ${CAMERAS.length} cameras`);
    await expect(new DeviceFormPage(consolePage.page).root).toBeVisible();
  });
}

test('tests a connection before saving, and duplicates a camera', async ({ consolePage, spare }) => {
  const gone = await startSimulator({ cameras: 1, host: '127.0.0.1', kind: 'visca-tcp' });
  const deadPort = gone.cameras[0]!.port;
  await gone.close();

  const form = await consolePage.openAddForm();
  await form.fill({ protocol: 'visca-ip', name: 'Probe', host: '127.0.0.1', port: spare.cameras[0]!.port });
  await form.testButton.click();
  await expect(form.testResult).toHaveText(/^Answered in \d+ ms$/);

  await form.fill({ protocol: 'visca-tcp', port: deadPort });
  await form.testButton.press('Enter');
  await expect(form.testResult).toContainText('No connection: ');
  await expect(consolePage.rows).toHaveCount(CAMERAS.length);
  await form.cancelButton.click();
  await form.expectClosed();

  const copy = await consolePage.openDuplicateForm('Camera A');
  await expect(copy.title).toHaveText('Add camera');
  await expect(copy.field('name')).toHaveValue('Camera A (copy)');
  await expect(copy.field('protocol')).toHaveValue('visca-ip');
  await expect(copy.field('host')).toHaveValue('127.0.0.1');
  // Same endpoint as Camera A: the core refuses it, with its reason.
  await copy.submit();
  await expect(copy.serverError).toContainText('Already configured: "Camera A" already uses');
});
