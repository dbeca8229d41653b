/** Page object for the add/edit camera dialog and the remove confirmation. */
import { expect, type Locator, type Page } from '@playwright/test';

/** The form's fields, named as in the contract's `DeviceConfigInput`. */
export type DeviceFormField =
  'protocol' | 'name' | 'host' | 'port' | 'path' | 'baudRate' | 'address' | 'responseCurve' | 'enabled';

/** What a spec types into the form; absent fields are left as they are. */
export interface CameraInput {
  readonly protocol?: 'visca-ip' | 'visca-tcp' | 'visca-udp' | 'visca-serial' | 'pelco-d' | 'pelco-p';
  readonly name?: string;
  readonly host?: string;
  readonly port?: number | string;
  readonly path?: string;
  readonly baudRate?: number;
  readonly address?: number | string;
  readonly responseCurve?: number | string;
}

const TEXT_FIELDS = ['name', 'host', 'port', 'path', 'address', 'responseCurve'] as const;

export class DeviceFormPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly submitButton: Locator;
  readonly cancelButton: Locator;
  /** The core's refusal (conflict, invalid payload…), shown above the buttons. */
  readonly serverError: Locator;
  readonly testButton: Locator;
  /** The verdict of "Test connection". */
  readonly testResult: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('device-form');
    this.title = this.root.getByRole('heading');
    this.submitButton = this.root.getByTestId('device-form-submit');
    this.cancelButton = this.root.getByTestId('device-form-cancel');
    this.serverError = this.root.getByTestId('device-form-server-error');
    this.testButton = this.root.getByTestId('device-form-test');
    this.testResult = this.root.getByTestId('device-form-test-result');
  }

  field(name: DeviceFormField): Locator {
    return this.root.getByTestId(`device-form-${name}`);
  }

  /** The problem shown under a field. */
  error(name: DeviceFormField): Locator {
    return this.root.getByTestId(`device-form-error-${name}`);
  }

  async expectOpen(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.field('protocol')).toBeFocused();
  }

  async fill(input: CameraInput): Promise<void> {
    if (input.protocol !== undefined) await this.field('protocol').selectOption(input.protocol);
    for (const name of TEXT_FIELDS) {
      const value = input[name];
      if (value !== undefined) await this.field(name).fill(String(value));
    }
    if (input.baudRate !== undefined) await this.field('baudRate').selectOption(String(input.baudRate));
  }

  async submit(): Promise<void> {
    await this.submitButton.click();
  }

  async expectClosed(): Promise<void> {
    await expect(this.root).toBeHidden();
  }
}

/** The "Remove …?" confirmation. */
export class RemoveDialogPage {
  readonly root: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('device-remove-dialog');
    this.confirmButton = this.root.getByTestId('device-remove-confirm');
    this.cancelButton = this.root.getByTestId('device-remove-cancel');
  }
}
