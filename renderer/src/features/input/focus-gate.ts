/**
 * Where global drive keys must not act: while a dialog is open, while typing, and on controls that use
 * the same keys themselves. Pure DOM checks, no React.
 */

/** Elements whose keys (arrows, letters, Space) belong to them: text entry, choices, sliders, lists. */
const KEY_OWNERS =
  'input, textarea, select, [contenteditable=""], [contenteditable="true"], [role="listbox"], [role="option"], [role="slider"], [role="spinbutton"], [role="combobox"], [role="radiogroup"], [role="menu"], [role="menuitem"], [role="textbox"], [role="tablist"], [role="grid"]';

/** Elements that Space activates (buttons, links, checkboxes…): Space keeps its native meaning there. */
const SPACE_USERS =
  'button, a[href], summary, [role="button"], [role="checkbox"], [role="switch"], [role="tab"], [role="link"]';

/** The on-screen joystick drives pan/tilt with the arrow keys itself while it has focus. */
const JOYSTICK = '[aria-roledescription="joystick"]';

export function asElement(target: EventTarget | null): Element | null {
  return target instanceof Element ? target : null;
}

/** True while a modal dialog is open: the console behind it must not move a camera. */
export function dialogOpen(doc: Document = document): boolean {
  return doc.querySelector('[aria-modal="true"], dialog[open]') !== null;
}

/** Drive keys are off: a dialog is open or the focused element uses those keys itself. */
export function keysOwnedBy(target: EventTarget | null): boolean {
  const el = asElement(target);
  if (dialogOpen(el?.ownerDocument ?? document)) return true;
  return el?.closest(KEY_OWNERS) != null;
}

/** Space would activate the focused element, so it is not STOP ALL there (Escape always is). */
export function spaceOwnedBy(target: EventTarget | null): boolean {
  return keysOwnedBy(target) || asElement(target)?.closest(SPACE_USERS) != null;
}

/** The joystick pad has focus: pan/tilt keys are its own. */
export function isJoystick(target: EventTarget | null): boolean {
  return asElement(target)?.closest(JOYSTICK) != null;
}

/** Input is taken only while the window has focus and is visible. */
export function pageActive(doc: Document = document): boolean {
  return doc.visibilityState === 'visible' && doc.hasFocus();
}
