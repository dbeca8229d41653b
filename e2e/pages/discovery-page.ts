/** Page object for the discovery pane: where to look, Start/Cancel, progress per method, cameras found. */
import { expect, type Locator, type Page } from '@playwright/test';
import { DeviceFormPage } from './device-form-page';

export type DiscoveryMethodName = 'ip-setup' | 'sweep' | 'ws-discovery' | 'serial';

export class DiscoveryPage {
  readonly openButton: Locator;
  readonly root: Locator;
  readonly startButton: Locator;
  readonly cancelButton: Locator;
  readonly closeButton: Locator;
  readonly historyButton: Locator;
  readonly ports: Locator;
  /** The scan's state line; its `data-state` is DiscoveryState.state. */
  readonly status: Locator;
  /** Every result row. */
  readonly rows: Locator;
  /** A refusal from the core (start, cancel, repair). */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.openButton = page.getByTestId('discovery-open');
    this.root = page.getByTestId('discovery-pane');
    this.startButton = this.root.getByTestId('discovery-start');
    this.cancelButton = this.root.getByTestId('discovery-cancel');
    this.closeButton = this.root.getByTestId('discovery-close');
    this.historyButton = this.root.getByTestId('discovery-history');
    this.ports = this.root.getByTestId('discovery-ports');
    this.status = this.root.getByTestId('discovery-status');
    this.rows = this.root.getByTestId(/^discovery-row-/);
    this.error = this.root.getByTestId('discovery-error');
  }

  async open(): Promise<void> {
    await this.openButton.click();
    await expect(this.root).toBeVisible();
  }

  interfaceCheckbox(name: string): Locator {
    return this.root.getByTestId(`discovery-interface-${name}`);
  }

  methodCheckbox(method: DiscoveryMethodName): Locator {
    return this.root.getByTestId(`discovery-method-${method}`);
  }

  /** The progress entry of one method; its `data-state` is MethodProgress.state. */
  progress(method: DiscoveryMethodName): Locator {
    return this.root.getByTestId(`discovery-progress-${method}`);
  }

  /** Ticks exactly these interfaces (none = every interface that is up) and methods, and sets the ports. */
  async choose(options: {
    interfaces?: readonly string[];
    methods?: readonly DiscoveryMethodName[];
    ports?: readonly number[];
  }): Promise<void> {
    if (options.interfaces) {
      const all = await this.root.getByTestId(/^discovery-interface-/).all();
      for (const box of all) {
        const name = (await box.getAttribute('data-testid'))!.replace('discovery-interface-', '');
        await box.setChecked(options.interfaces.includes(name));
      }
    }
    if (options.methods) {
      for (const m of ['ip-setup', 'sweep', 'ws-discovery', 'serial'] as const) {
        await this.methodCheckbox(m).setChecked(options.methods.includes(m));
      }
    }
    if (options.ports) await this.ports.fill(options.ports.join(', '));
  }

  async start(): Promise<void> {
    await this.startButton.click();
    await expect(this.status).toHaveAttribute('data-state', /running|done/);
  }

  /** Waits until the scan has ended (done, cancelled or failed). */
  async waitFinished(timeout = 60_000): Promise<void> {
    await expect(this.status).toHaveAttribute('data-state', /done|cancelled|failed/, { timeout });
  }

  /** The result row of a camera, found by its IP address (shown in the Address column). */
  rowWithIp(ip: string): Locator {
    // Not \b: a camera without a prefix shows its address right before "MAC unknown" (no word boundary).
    return this.rows.filter({ hasText: new RegExp(`(?<![\\d.])${ip.replace(/\./g, '\\.')}(?!\\d)`) });
  }

  /** The row's conflict badges (empty when it has none). */
  conflicts(row: Locator): Locator {
    return row.getByTestId('discovery-conflicts');
  }

  /** "Add" on a row: the pane closes and the add form opens pre-filled. */
  async add(row: Locator): Promise<DeviceFormPage> {
    await row.getByTestId('discovery-add').click();
    const form = new DeviceFormPage(this.page);
    await form.expectOpen();
    return form;
  }

  /** "Repair…" on a row; the wizard opens once the core reports the session. */
  async repair(row: Locator): Promise<void> {
    await row.getByTestId('discovery-repair').click();
    await expect(this.page.getByTestId('repair-wizard')).toBeVisible({ timeout: 30_000 });
  }

  async close(): Promise<void> {
    await this.closeButton.click();
    await expect(this.root).toBeHidden();
  }
}
