/** Page object for the main console screen; specs talk to this, never to selectors directly. */
import { expect, type Locator, type Page } from '@playwright/test';
import { DeviceFormPage, RemoveDialogPage, type CameraInput } from './device-form-page';

export class ConsolePage {
  readonly deviceList: Locator;
  readonly joystick: Locator;
  readonly stopAll: Locator;
  /** Every camera row, whatever its id (the core issues ids for added cameras). */
  readonly rows: Locator;
  readonly addCameraButton: Locator;
  /** Edit / Remove act on the selected camera. */
  readonly editButton: Locator;
  readonly removeButton: Locator;
  readonly notice: Locator;

  constructor(readonly page: Page) {
    this.deviceList = page.getByTestId('device-list');
    this.joystick = page.getByTestId('joystick');
    this.stopAll = page.getByTestId('stop-all');
    this.rows = page.getByTestId(/^device-row-/);
    this.addCameraButton = page.getByTestId('device-add');
    this.editButton = page.getByTestId('device-edit');
    this.removeButton = page.getByTestId('device-remove');
    this.notice = page.getByTestId('notice');
  }

  row(deviceId: string): Locator {
    return this.page.getByTestId(`device-row-${deviceId}`);
  }

  /** The status indicator of a device row; its `data-status` is the DeviceStatus. */
  status(deviceId: string): Locator {
    return this.page.getByTestId(`device-status-${deviceId}`);
  }

  async expectStatus(deviceId: string, status: string): Promise<void> {
    await expect(this.status(deviceId)).toHaveAttribute('data-status', status);
  }

  /** The row showing exactly this camera name. */
  rowNamed(name: string): Locator {
    return this.rows.filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The status indicator inside a row; its `data-status` is the DeviceStatus. */
  statusIn(row: Locator): Locator {
    return row.getByTestId(/^device-status-/);
  }

  async selectNamed(name: string): Promise<void> {
    const row = this.rowNamed(name);
    await row.click();
    await expect(row).toHaveAttribute('aria-selected', 'true');
  }

  async openAddForm(): Promise<DeviceFormPage> {
    await this.addCameraButton.click();
    const form = new DeviceFormPage(this.page);
    await form.expectOpen();
    return form;
  }

  /** Opens the add form, fills it, submits, and waits for it to close. */
  async addCamera(input: CameraInput): Promise<void> {
    const form = await this.openAddForm();
    await form.fill(input);
    await form.submit();
    await form.expectClosed();
  }

  /** Selects the camera and opens the add form pre-filled with its configuration. */
  async openDuplicateForm(name: string): Promise<DeviceFormPage> {
    await this.selectNamed(name);
    await this.page.getByTestId('device-duplicate').click();
    const form = new DeviceFormPage(this.page);
    await form.expectOpen();
    return form;
  }

  async openEditForm(name: string): Promise<DeviceFormPage> {
    await this.selectNamed(name);
    await this.editButton.click();
    const form = new DeviceFormPage(this.page);
    await form.expectOpen();
    return form;
  }

  /** Selects the camera, asks to remove it and confirms. */
  async removeCamera(name: string): Promise<void> {
    await this.selectNamed(name);
    await this.removeButton.click();
    const dialog = new RemoveDialogPage(this.page);
    await expect(dialog.cancelButton).toBeFocused();
    await dialog.confirmButton.click();
    await expect(dialog.root).toBeHidden();
  }

  async select(deviceId: string): Promise<void> {
    await this.row(deviceId).click();
    await expect(this.row(deviceId)).toHaveAttribute('aria-selected', 'true');
  }

  /** Presses the joystick at its centre and moves by a fraction of its radius (x right, y down). */
  async beginDrag(fx: number, fy: number): Promise<void> {
    const box = await this.joystick.boundingBox();
    if (!box) throw new Error('joystick not visible');
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    const r = Math.min(box.width, box.height) / 2;
    await this.page.mouse.move(cx, cy);
    await this.page.mouse.down();
    // Several steps, as a hand would, so pointermove events arrive over a few frames.
    await this.page.mouse.move(cx + fx * r, cy + fy * r, { steps: 8 });
  }

  async release(): Promise<void> {
    await this.page.mouse.up();
  }

  /** Blocks the page's JavaScript for `ms`, as a hung renderer would: no events, no heartbeats. */
  async freeze(ms: number): Promise<void> {
    await this.page.evaluate((t) => {
      const end = performance.now() + t;
      while (performance.now() < end) {
        // busy: the renderer's event loop is stuck
      }
    }, ms);
  }

  readout(axis: 'pan' | 'tilt' | 'zoom'): Locator {
    return this.page.getByTestId(`readout-${axis}`);
  }
}
