/** Page object for the lens panel (zoom rocker and slider, focus, aperture); specs use this, not selectors. */
import type { Locator, Page } from '@playwright/test';

export class LensPage {
  readonly panel: Locator;
  readonly rocker: Locator;
  readonly zoomSlider: Locator;
  readonly zoomRatio: Locator;
  readonly focusNear: Locator;
  readonly focusFar: Locator;
  readonly focusMode: Locator;
  readonly onePush: Locator;
  readonly irisSlider: Locator;
  readonly irisValue: Locator;
  readonly irisMode: Locator;
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('lens-panel');
    this.rocker = page.getByTestId('zoom-rocker');
    this.zoomSlider = page.getByTestId('zoom-slider');
    this.zoomRatio = page.getByTestId('zoom-ratio');
    this.focusNear = page.getByTestId('focus-near');
    this.focusFar = page.getByTestId('focus-far');
    this.focusMode = page.getByTestId('focus-mode');
    this.onePush = page.getByTestId('focus-one-push');
    this.irisSlider = page.getByTestId('iris-slider');
    this.irisValue = page.getByTestId('iris-value');
    this.irisMode = page.getByTestId('iris-mode');
    this.error = page.getByTestId('lens-error');
  }

  /** Presses the rocker at its centre and pushes it by a fraction of its half-width (+ tele, − wide). */
  async holdRocker(fraction: number): Promise<void> {
    await this.rocker.scrollIntoViewIfNeeded();
    const box = await this.rocker.boundingBox();
    if (!box) throw new Error('zoom rocker not visible');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await this.page.mouse.move(cx, cy);
    await this.page.mouse.down();
    await this.page.mouse.move(cx + (fraction * box.width) / 2, cy, { steps: 6 });
  }

  async releaseRocker(): Promise<void> {
    await this.page.mouse.up();
  }

  /** Sets the absolute zoom slider to a normalised position (0 wide … 1 tele) and commits it. */
  async setZoom(position: number): Promise<void> {
    const max = Number(await this.zoomSlider.getAttribute('max'));
    await this.zoomSlider.fill(String(Math.round(position * max)));
  }

  /** Moves the iris slider to its most open step from the keyboard (End), as an operator would. */
  async openIrisFully(): Promise<void> {
    await this.irisSlider.focus();
    await this.page.keyboard.press('End');
  }

  async setIrisMode(mode: 'auto' | 'manual'): Promise<void> {
    await this.irisMode.locator(`input[value="${mode}"]`).check();
  }

  async setFocusMode(mode: 'auto' | 'manual'): Promise<void> {
    await this.focusMode.locator(`input[value="${mode}"]`).check();
  }
}
