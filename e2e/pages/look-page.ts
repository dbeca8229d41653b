/** Page object for the console's look: theme switch, language, camera search, viewport and screenshots. */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Where the look screenshots go (kept beside, not inside, Playwright's own output folder, which it wipes). */
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../out/test-results/screenshots');

export class LookPage {
  readonly themeToggle: Locator;
  readonly language: Locator;
  readonly search: Locator;
  readonly title: Locator;
  readonly stopAll: Locator;
  /** The camera rows currently shown (after the search). */
  readonly rows: Locator;
  readonly lensPanel: Locator;
  readonly inputPanel: Locator;

  constructor(readonly page: Page) {
    this.themeToggle = page.getByTestId('theme');
    this.language = page.getByTestId('language');
    this.search = page.getByTestId('device-search');
    this.title = page.getByRole('heading', { level: 1 });
    this.stopAll = page.getByTestId('stop-all');
    this.rows = page.getByTestId(/^device-row-/);
    this.lensPanel = page.getByTestId('lens-panel');
    this.inputPanel = page.getByTestId('input-panel');
  }

  /** Preset `n`'s tile in the grid (its recall button). */
  presetTile(n: number): Locator {
    return this.page
      .getByTestId('presets')
      .getByRole('listitem')
      .nth(n - 1);
  }

  /** The control panel's own scroll extent: more content than height means the operator must scroll. */
  controlPanelOverflow(): Promise<{ scrollHeight: number; clientHeight: number }> {
    return this.page.locator('.control-panel').evaluate((el) => ({
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
    }));
  }

  group(transport: 'network' | 'serial'): Locator {
    return this.page.getByTestId(`device-group-${transport}`);
  }

  /** Whether `<html>` carries the light theme class. */
  isLight(): Promise<boolean> {
    return this.page.evaluate(() => document.documentElement.classList.contains('theme-light'));
  }

  /** Switches to `theme` with the header toggle (no-op when already there) and checks the page followed. */
  async setTheme(theme: 'dark' | 'light'): Promise<void> {
    if ((await this.isLight()) !== (theme === 'light')) await this.themeToggle.click();
    await expect(this.themeToggle).toHaveAttribute('aria-pressed', String(theme === 'light'));
    await expect.poll(() => this.isLight()).toBe(theme === 'light');
  }

  /** Page width against the viewport: horizontal overflow makes `scrollWidth` exceed `innerWidth`. */
  horizontalOverflow(): Promise<{ scrollWidth: number; innerWidth: number }> {
    return this.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
  }

  /** The bounding box of STOP ALL, checked to lie wholly inside the viewport. */
  async expectStopAllInViewport(): Promise<void> {
    await expect(this.stopAll).toBeVisible();
    await expect(this.stopAll).toBeInViewport({ ratio: 1 });
    const box = await this.stopAll.boundingBox();
    const size = this.page.viewportSize();
    expect(box).not.toBeNull();
    expect(size).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(size!.width);
    expect(box!.y + box!.height).toBeLessThanOrEqual(size!.height);
  }

  /** Height in px of each locator's element, for the touch-target check. */
  async heights(locators: readonly Locator[]): Promise<number[]> {
    return Promise.all(locators.map(async (l) => (await l.boundingBox())?.height ?? 0));
  }

  /** Saves a full-window PNG under SCREENSHOT_DIR and attaches it to the test report. */
  async screenshot(name: string, testInfo: TestInfo): Promise<string> {
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    const file = path.join(SCREENSHOT_DIR, `${name}.png`);
    // The caret blinks and hover states linger: park the mouse so shots are comparable run to run.
    await this.page.mouse.move(0, 0);
    await this.page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
    await testInfo.attach(name, { path: file, contentType: 'image/png' });
    return file;
  }
}
