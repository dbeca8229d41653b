// Presets end to end: save the simulated camera's position under a name through the UI, rename it,
// drive away, recall it with the key `2`, and clear it — asserting on the simulator, not only the UI.
import { expect, test } from '../fixtures/console-fixture';
import { PresetsPage } from '../pages/presets-page';

test('save, rename, recall with a key, and clear a preset', async ({ consolePage, sim }) => {
  const cam = sim.cameras[0]!.camera;
  const presets = new PresetsPage(consolePage.page);
  await consolePage.select('cam-a');
  await consolePage.expectStatus('cam-a', 'online');

  // Drive right a little, then stop.
  const start = cam.snapshot().panDeg;
  // The control panel scrolls when it is taller than the window; the drag needs the joystick on screen.
  await consolePage.joystick.scrollIntoViewIfNeeded();
  await consolePage.beginDrag(1, 0);
  await expect.poll(() => cam.snapshot().panDeg).toBeGreaterThan(start + 5);
  await consolePage.release();
  await expect.poll(() => cam.snapshot().moving).toBe(false);
  const saved = cam.snapshot().panDeg;

  await presets.save(2, 'Stage');
  await expect(presets.tile(2)).toContainText('Stage');

  await presets.rename(2, 'Stage left');
  await expect(presets.tile(2)).toContainText('Stage left');
  await expect(presets.tile(2)).toHaveAccessibleName('Recall preset 2, Stage left');

  // Drive elsewhere: left, well away from the saved angle.
  await presets.setEditing(false);
  await consolePage.joystick.scrollIntoViewIfNeeded();
  await consolePage.beginDrag(-1, 0);
  await expect.poll(() => cam.snapshot().panDeg).toBeLessThan(saved - 10);
  await consolePage.release();
  await expect.poll(() => cam.snapshot().moving).toBe(false);
  expect(Math.abs(cam.snapshot().panDeg - saved)).toBeGreaterThan(5);

  // Recall with the key `2`, from the page (not a field).
  await consolePage.joystick.focus();
  await presets.recallWithKey(2);
  await expect.poll(() => cam.snapshot().panDeg, { timeout: 5000 }).toBeCloseTo(saved, 0);
  await expect(presets.tile(2)).toHaveAttribute('aria-current', 'true');
  await expect(presets.error).toBeHidden();

  await presets.clear(2);
  await expect(presets.tile(2)).toContainText('Empty');
  await expect(presets.tile(2)).toHaveAccessibleName('Recall preset 2 (empty)');
});
