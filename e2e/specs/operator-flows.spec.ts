// Whole operator flows across features: keyboard only from launch to a preset recall, and STOP ALL from
// every screen (main view and each dialog) while a head is moving.
import { expect, test } from '../fixtures/console-fixture';
import { InputPage } from '../pages/input-page';
import { PresetsPage } from '../pages/presets-page';

test('keyboard only, from launch to preset recall: select, drive, save, drive away, recall', async ({
  consolePage,
  sim,
}) => {
  const page = consolePage.page;
  const head = sim.cameras[0]!.camera;
  const input = new InputPage(page);
  await consolePage.expectStatus('cam-a', 'online');

  // Select Camera A: Tab into the list, move to it, Enter (focus goes to the joystick).
  await input.tabToDeviceList();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(consolePage.row('cam-a')).toHaveAttribute('aria-selected', 'true');

  // Drive right with the arrow key, release.
  await page.keyboard.down('ArrowRight');
  await expect.poll(() => head.snapshot().panDeg).toBeGreaterThan(4);
  await page.keyboard.up('ArrowRight');
  await expect.poll(() => head.snapshot().moving).toBe(false);
  const saved = head.snapshot().panDeg;

  // Ctrl+2 saves preset 2 after a confirmation (Enter).
  const presets = new PresetsPage(page);
  await page.keyboard.press('Control+2');
  await expect(presets.confirmDialog).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(presets.tile(2)).not.toContainText(/Empty/);

  // Drive away to the left, then recall with the key 2.
  await page.keyboard.press('Escape'); // STOP ALL, and leaves focus on the page
  await page.keyboard.down('ArrowLeft');
  await expect.poll(() => head.snapshot().panDeg).toBeLessThan(saved - 4);
  await page.keyboard.up('ArrowLeft');
  await expect.poll(() => head.snapshot().moving).toBe(false);
  await page.keyboard.press('2');
  await expect.poll(() => head.snapshot().panDeg, { timeout: 5000 }).toBeCloseTo(saved, 0);
});

test('STOP ALL works from every screen while a head is moving', async ({ consolePage, sim }) => {
  const page = consolePage.page;
  const head = sim.cameras[1]!.camera;
  // A (fake) gamepad, so the learn-mapping dialog is one of the screens.
  const input = new InputPage(page);
  await InputPage.installFakeGamepad(page);
  await page.reload();
  await input.connectGamepad();
  await consolePage.expectStatus('cam-b', 'online');
  await consolePage.select('cam-b');
  /** Another controller starts the head (as a hardware joystick on the same camera would). */
  const startMoving = async () => {
    head.apply({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 8, tiltSpeed: 1 });
    await expect.poll(() => head.snapshot().moving).toBe(true);
  };
  const screens: Array<[string, () => Promise<void>, 'escape' | 'button']> = [
    ['main view, Escape', async () => undefined, 'escape'],
    ['main view, STOP ALL button', async () => undefined, 'button'],
    ['add-camera form', () => page.getByRole('button', { name: /add camera/i }).click(), 'escape'],
    ['add-camera form, button', () => page.getByRole('button', { name: /add camera/i }).click(), 'button'],
    [
      'preset save confirmation',
      async () => {
        await page.locator('body').click({ position: { x: 5, y: 5 } });
        await page.keyboard.press('Control+3');
        await expect(page.getByTestId('preset-confirm')).toBeVisible();
      },
      'escape',
    ],
    ['gamepad learn dialog', () => page.getByTestId('gamepad-learn').click(), 'button'],
  ];
  for (const [name, open, how] of screens) {
    await startMoving();
    await open();
    if (how === 'escape') await page.keyboard.press('Escape');
    else await consolePage.stopAll.click();
    await expect.poll(() => head.snapshot().moving, { message: `STOP ALL from ${name}` }).toBe(false);
    // Close whatever is still open before the next screen.
    for (let i = 0; i < 2 && (await page.getByRole('dialog').count()) > 0; i++) await page.keyboard.press('Escape');
  }
});
