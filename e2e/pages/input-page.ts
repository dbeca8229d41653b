/** Page object for manual input: keyboard drive from the console and a fake gamepad injected into the page. */
import { expect, type Locator, type Page } from '@playwright/test';

/** What the injected pad exposes to specs (set up by `installFakeGamepad` before the page loads). */
interface FakePadWindow {
  __fakePad: {
    id: string;
    index: number;
    mapping: string;
    connected: boolean;
    timestamp: number;
    axes: number[];
    buttons: { pressed: boolean; touched: boolean; value: number }[];
  };
}

export class InputPage {
  readonly deviceList: Locator;
  readonly joystick: Locator;
  readonly gamepadStatus: Locator;

  constructor(readonly page: Page) {
    this.deviceList = page.getByTestId('device-list');
    this.joystick = page.getByTestId('joystick');
    this.gamepadStatus = page.getByTestId('gamepad-status');
  }

  /** Keyboard only: Tab until the camera list has focus (at most `max` presses). */
  async tabToDeviceList(max = 20): Promise<void> {
    for (let i = 0; i < max; i++) {
      await this.page.keyboard.press('Tab');
      if (await this.deviceList.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error('Tab never reached the camera list');
  }

  /**
   * Replaces `navigator.getGamepads` before any page script runs with one standard pad at rest. Call
   * before the page is (re)loaded; `connectGamepad` then announces it.
   */
  static async installFakeGamepad(page: Page): Promise<void> {
    await page.addInitScript(() => {
      const w = window as unknown as FakePadWindow;
      w.__fakePad = {
        id: 'Fake Standard Gamepad (STANDARD GAMEPAD Vendor: 045e Product: 0b13)',
        index: 0,
        mapping: 'standard',
        connected: true,
        timestamp: 0,
        axes: [0, 0, 0, 0],
        buttons: Array.from({ length: 17 }, () => ({ pressed: false, touched: false, value: 0 })),
      };
      Object.defineProperty(navigator, 'getGamepads', {
        configurable: true,
        value: () => [w.__fakePad.connected ? w.__fakePad : null, null, null, null],
      });
    });
  }

  async connectGamepad(): Promise<void> {
    await this.page.evaluate(() => {
      window.dispatchEvent(new Event('gamepadconnected'));
    });
    await expect(this.gamepadStatus).toHaveAttribute('data-connected', 'true');
  }

  async disconnectGamepad(): Promise<void> {
    await this.page.evaluate(() => {
      (window as unknown as FakePadWindow).__fakePad.connected = false;
      window.dispatchEvent(new Event('gamepaddisconnected'));
    });
    await expect(this.gamepadStatus).toHaveAttribute('data-connected', 'false');
  }

  /** Sets the pad's axes (standard: 0/1 left stick x/y, 2/3 right stick x/y). */
  async setAxes(axes: readonly number[]): Promise<void> {
    await this.page.evaluate((a) => {
      const pad = (window as unknown as FakePadWindow).__fakePad;
      pad.axes = [...a];
      pad.timestamp += 1;
    }, axes);
  }
}
