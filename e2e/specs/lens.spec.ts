// The lens panel against a simulated camera: the rocker zooms and stops, the slider sends the zoom to a
// position, and the aperture slider and exposure toggle reach the camera. Asserts on the simulator's state.
import { ZOOM_POSITION_MAX } from '../../electron/core/sim/camera-physics';
import { expect, test } from '../fixtures/console-fixture';
import { LensPage } from '../pages/lens-page';

test('holding the zoom rocker toward tele zooms in; releasing stops the zoom', async ({ consolePage, sim }) => {
  const [a, b] = [sim.cameras[0]!.camera, sim.cameras[1]!.camera];
  await consolePage.select('cam-a');
  const lens = new LensPage(consolePage.page);
  const start = a.snapshot().zoomPosition;

  await lens.holdRocker(0.8);
  await expect.poll(() => a.snapshot().zoomVelocity).toBeGreaterThan(0);
  await expect.poll(() => a.snapshot().zoomPosition).toBeGreaterThan(start);
  expect(b.snapshot().zoomVelocity).toBe(0);

  await lens.releaseRocker();
  await expect.poll(() => a.snapshot().zoomVelocity).toBe(0);
  const stoppedAt = a.snapshot().zoomPosition;
  // Past the dead-man interval: nothing starts it again.
  await consolePage.page.waitForTimeout(700);
  expect(a.snapshot().zoomPosition).toBe(stoppedAt);
  expect(a.snapshot().zoomVelocity).toBe(0);
});

test('the zoom slider sends the zoom to the chosen position', async ({ consolePage, sim }) => {
  const cam = sim.cameras[0]!.camera;
  await consolePage.select('cam-a');
  const lens = new LensPage(consolePage.page);

  await lens.setZoom(0.6);
  await expect.poll(() => Math.abs(cam.snapshot().zoomPosition / ZOOM_POSITION_MAX - 0.6)).toBeLessThan(0.01);
  await expect.poll(() => cam.snapshot().zoomVelocity).toBe(0);
  // The slider then shows the camera's reported position, and the ratio it reports.
  await expect.poll(async () => Number(await lens.zoomSlider.inputValue())).toBeGreaterThan(590);
  const ratio = cam.snapshot().zoomRatio.toFixed(1);
  await expect(lens.zoomRatio).toHaveText(`${ratio}×`);
});

test('the iris slider opens the iris fully in manual exposure; Auto gives it back to the camera', async ({
  consolePage,
  sim,
}) => {
  const cam = sim.cameras[0]!.camera;
  await consolePage.select('cam-a');
  const lens = new LensPage(consolePage.page);

  await lens.openIrisFully();
  await expect.poll(() => cam.snapshot().irisF).toBe(1.6);
  expect(cam.snapshot().aeMode).toBe('manual');
  await expect(lens.irisValue).toHaveText('F1.6');
  await expect(lens.irisMode.locator('input[value="manual"]')).toBeChecked();

  await lens.setIrisMode('auto');
  await expect.poll(() => cam.snapshot().aeMode).toBe('full-auto');
  await expect(lens.irisMode.locator('input[value="auto"]')).toBeChecked();
  await expect(lens.error).toBeHidden();
});
