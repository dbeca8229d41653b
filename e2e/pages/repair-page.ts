/** Page object for the IP-repair wizard and the repair history. */
import { expect, type Locator, type Page } from '@playwright/test';

export type RepairStepName =
  'diagnose' | 'plan' | 'alias' | 'verify' | 'readdress' | 'manual' | 'confirm' | 'cleanup' | 'done';
export type PlanFieldName = 'alias' | 'target' | 'prefix' | 'gateway';

export class RepairPage {
  readonly root: Locator;
  readonly stepper: Locator;
  /** The content area; its parent's `data-step` is the session's RepairStep.step. */
  readonly content: Locator;
  readonly diagnosis: Locator;
  readonly proceedButton: Locator;
  readonly applyButton: Locator;
  readonly cancelButton: Locator;
  readonly confirmCancelButton: Locator;
  readonly keepGoingButton: Locator;
  readonly closeButton: Locator;
  readonly manual: Locator;
  readonly manualCheck: Locator;
  readonly manualDoneButton: Locator;
  readonly done: Locator;
  readonly failed: Locator;
  readonly restored: Locator;
  readonly error: Locator;
  readonly log: Locator;
  readonly history: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('repair-wizard');
    this.stepper = this.root.getByTestId('repair-stepper');
    this.content = this.root.locator('.repair-content');
    this.diagnosis = this.root.getByTestId('repair-diagnosis');
    this.proceedButton = this.root.getByTestId('repair-proceed');
    this.applyButton = this.root.getByTestId('repair-apply');
    this.cancelButton = this.root.getByTestId('repair-cancel');
    this.confirmCancelButton = this.root.getByTestId('repair-confirm-yes');
    this.keepGoingButton = this.root.getByTestId('repair-keep-going');
    this.closeButton = this.root.getByTestId('repair-close');
    this.manual = this.root.getByTestId('repair-manual');
    this.manualCheck = this.root.getByTestId('repair-manual-check');
    this.manualDoneButton = this.root.getByTestId('repair-manual-done');
    this.done = this.root.getByTestId('repair-done');
    this.failed = this.root.getByTestId('repair-failed');
    this.restored = this.root.getByTestId('repair-restored');
    this.error = this.root.getByTestId('repair-error');
    this.log = this.root.getByTestId('repair-log');
    this.history = page.getByTestId('repair-history');
  }

  /** One step of the stepper; its `data-status` is complete / current / failed / todo. */
  step(name: RepairStepName): Locator {
    return this.stepper.getByTestId(`repair-step-${name}`);
  }

  /** Types the camera's ONVIF login into the plan (shown only for an ONVIF readdress). */
  async enterLogin(username: string, password: string): Promise<void> {
    await this.root.getByTestId('repair-login-user').fill(username);
    await this.root.getByTestId('repair-login-password').fill(password);
  }

  field(name: PlanFieldName): Locator {
    return this.root.getByTestId(`repair-field-${name}`);
  }

  /** The problem shown beside a plan field (schema or the core's refusal). */
  fieldError(name: PlanFieldName): Locator {
    return this.root.getByTestId(`repair-error-${name}`);
  }

  /** Waits until the session is at `step` (RepairStep.step: also 'rolling-back' and 'failed'). */
  async expectAt(step: RepairStepName | 'rolling-back' | 'failed', timeout = 60_000): Promise<void> {
    await expect(this.content).toHaveAttribute('data-step', step, { timeout });
  }

  /** Replaces the given plan fields and sends them to the core for checking. */
  async editPlan(values: Partial<Record<PlanFieldName, string>>): Promise<void> {
    for (const [name, value] of Object.entries(values) as [PlanFieldName, string][]) {
      await this.field(name).fill(value);
    }
    await this.applyButton.click();
  }

  async proceed(): Promise<void> {
    await this.proceedButton.click();
  }

  /** Cancel, then confirm. */
  async cancel(): Promise<void> {
    await this.cancelButton.click();
    await this.confirmCancelButton.click();
  }

  /** Close a finished session (done or failed) and wait for the wizard to go. */
  async close(): Promise<void> {
    await this.closeButton.click();
    await expect(this.root).toBeHidden();
  }

  /** Opens the log and returns its text. */
  async logText(): Promise<string> {
    const summary = this.log.locator('summary');
    if ((await this.log.getAttribute('open')) === null) await summary.click();
    return (await this.log.textContent()) ?? '';
  }

  historyRows(): Locator {
    return this.history.getByTestId(/^repair-history-row-/);
  }
}
