// Manual input end to end: an operator drives a simulated camera with the keyboard only (from launch),
// and with a gamepad (a fake one injected into the page, since CI has no hardware).
import { expect, test } from '../fixtures/console-fixture';
import { InputPage } from '../pages/input-page';

test('keyboard only: pick cam-a in the list, hold → to pan, + to zoom, Space is STOP ALL', async ({
  consolePage,
  sim,
}) => {
  const [a, b] = [sim.cameras[0]!.camera, sim.cameras[1]!.camera];
  const input = new InputPage(consolePage.page);
  const keyboard = consolePage.page.keyboard;
  await consolePage.expectStatus('cam-a', 'online');

  await input.tabToDeviceList();
  await keyboard.press('ArrowDown');
  await expect(consolePage.row('cam-b')).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('ArrowUp');
  await expect(consolePage.row('cam-a')).toHaveAttribute('aria-selected', 'true');
  await keyboard.press('Enter');
  await expect(input.joystick).toBeFocused();

  await keyboard.down('ArrowRight');
  await expect.poll(() => a.snapshot().panVelocityDegS).toBeGreaterThan(0);
  expect(b.snapshot().moving).toBe(false);
  await keyboard.up('ArrowRight');
  await expect.poll(() => a.snapshot().moving).toBe(false);

  await keyboard.down('+');
  await expect.poll(() => a.snapshot().zoomVelocity).toBeGreaterThan(0);
  await keyboard.up('+');
  await expect.poll(() => a.snapshot().moving).toBe(false);

  await keyboard.down('ArrowUp');
  await expect.poll(() => a.snapshot().tiltVelocityDegS).toBeGreaterThan(0);
  await keyboard.press('Space');
  await expect.poll(() => a.snapshot().moving).toBe(false);
  await expect(consolePage.notice).toBeVisible();
  await keyboard.up('ArrowUp');
  expect(a.snapshot().moving).toBe(false);
});

test('keyboard drive works wherever focus is not a field: D pans right, = zooms tele, release stops', async ({
  consolePage,
  sim,
}) => {
  const a = sim.cameras[0]!.camera;
  const keyboard = consolePage.page.keyboard;
  await consolePage.expectStatus('cam-a', 'online');
  await expect(consolePage.row('cam-a')).toHaveAttribute('aria-selected', 'true');

  await keyboard.down('d');
  await expect.poll(() => a.snapshot().panVelocityDegS).toBeGreaterThan(0);
  await keyboard.down('='); // zoom starts at wide, so tele is the direction that moves
  await expect.poll(() => a.snapshot().zoomVelocity).toBeGreaterThan(0);
  await keyboard.up('d');
  await expect.poll(() => a.snapshot().panVelocityDegS).toBe(0);
  await keyboard.up('=');
  await expect.poll(() => a.snapshot().moving).toBe(false);
});

test('gamepad: left stick right pans the selected camera; centre stops it; disconnect shows', async ({
  consolePage,
  sim,
}) => {
  const a = sim.cameras[0]!.camera;
  const page = consolePage.page;
  const input = new InputPage(page);
  await InputPage.installFakeGamepad(page);
  await page.reload();
  await consolePage.expectStatus('cam-a', 'online');
  await expect(consolePage.row('cam-a')).toHaveAttribute('aria-selected', 'true');
  await input.connectGamepad();

  await input.setAxes([1, 0, 0, 0]);
  await expect.poll(() => a.snapshot().panVelocityDegS).toBeGreaterThan(0);
  expect(a.snapshot().tiltVelocityDegS).toBe(0);

  await input.setAxes([0, 0, 0, 0]);
  await expect.poll(() => a.snapshot().moving).toBe(false);

  await input.setAxes([0, -1, 0, 0]); // stick up
  await expect.poll(() => a.snapshot().tiltVelocityDegS).toBeGreaterThan(0);
  await input.disconnectGamepad();
  await expect.poll(() => a.snapshot().moving).toBe(false);
});
