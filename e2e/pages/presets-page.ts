/**
 * Page object for the presets grid. Save / Rename / Clear live in the grid's edit mode ("Edit presets"),
 * which these helpers switch on as needed; saving asks for a name, and a confirmation when overwriting.
 */
import { expect, type Locator, type Page } from '@playwright/test';

export class PresetsPage {
  readonly root: Locator;
  readonly editToggle: Locator;
  readonly nameDialog: Locator;
  readonly nameInput: Locator;
  readonly confirmDialog: Locator;
  /** A failed recall, shown above the grid. */
  readonly error: Locator;

  constructor(readonly page: Page) {
    this.root = page.getByTestId('presets');
    this.editToggle = this.root.getByTestId('presets-edit');
    this.nameDialog = page.getByTestId('preset-name-dialog');
    this.nameInput = this.nameDialog.getByTestId('preset-name-input');
    this.confirmDialog = page.getByTestId('preset-confirm');
    this.error = this.root.getByTestId('preset-error');
  }

  /** The recall button of preset `n`; its text is the number and the name (or "Empty"). */
  tile(n: number): Locator {
    return this.root.getByTestId(`preset-${n}`);
  }

  async setEditing(on: boolean): Promise<void> {
    if ((await this.editToggle.getAttribute('aria-pressed')) !== String(on)) await this.editToggle.click();
    await expect(this.editToggle).toHaveAttribute('aria-pressed', String(on));
  }

  /** Saves the current position to preset `n` under `name`, confirming an overwrite when asked. */
  async save(n: number, name: string): Promise<void> {
    await this.setEditing(true);
    await this.root.getByTestId(`preset-save-${n}`).click();
    await expect(this.nameInput).toBeFocused();
    await this.nameInput.fill(name);
    await this.nameDialog.getByTestId('preset-name-submit').click();
    // The name dialog closes once saved, or hands over to the overwrite confirmation in the same render.
    await expect(this.nameDialog).toBeHidden();
    if (await this.confirmDialog.isVisible()) await this.confirmDialog.getByTestId('preset-confirm-ok').click();
    await expect(this.nameDialog).toBeHidden();
    await expect(this.confirmDialog).toBeHidden();
  }

  async rename(n: number, name: string): Promise<void> {
    await this.setEditing(true);
    await this.root.getByTestId(`preset-rename-${n}`).click();
    await expect(this.nameInput).toBeFocused();
    await this.nameInput.fill(name);
    await this.nameDialog.getByTestId('preset-name-submit').click();
    await expect(this.nameDialog).toBeHidden();
  }

  async clear(n: number): Promise<void> {
    await this.setEditing(true);
    await this.root.getByTestId(`preset-clear-${n}`).click();
    await expect(this.confirmDialog).toBeVisible();
    await this.confirmDialog.getByTestId('preset-confirm-ok').click();
    await expect(this.confirmDialog).toBeHidden();
  }

  /** Presses the digit key `n` (1–9) with focus outside any field: recalls preset `n`. */
  async recallWithKey(n: number): Promise<void> {
    await this.page.keyboard.press(`Digit${n}`);
  }
}
