/**
 * A dialog over the console, presentational (no store access): it takes focus when it opens, keeps Tab
 * inside, and closes on Escape. Escape is also STOP ALL, handled globally by the app; this listener is in
 * addition to that one and never stops the event, so both always run. The page header (STOP ALL) stays
 * above the backdrop and clickable. Where focus goes after closing is the opener's decision.
 */
import { useEffect, useRef, type KeyboardEvent, type ReactNode, type RefObject } from 'react';

const FOCUSABLE =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalDialogProps {
  /** The id of the element naming the dialog (its heading). */
  readonly labelledBy: string;
  /** Escape (and nothing else: a stray tap on the backdrop must not discard what was typed). */
  readonly onEscape: () => void;
  /** Receives focus on open; default: the first focusable element. */
  readonly initialFocus?: RefObject<HTMLElement | null>;
  readonly className?: string;
  readonly testId?: string;
  readonly children: ReactNode;
}

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)];
}

export function ModalDialog({ labelledBy, onEscape, initialFocus, className, testId, children }: ModalDialogProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const onEscapeRef = useRef(onEscape);
  useEffect(() => {
    onEscapeRef.current = onEscape;
  }, [onEscape]);

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    (initialFocus?.current ?? focusables(box)[0] ?? box).focus();
  }, [initialFocus]);

  useEffect(() => {
    // Capture phase on window, like STOP ALL, so a component that swallows the key cannot keep the dialog
    // open. An Escape that ends an IME composition only cancels the composition.
    const onKeyDown = (e: globalThis.KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.isComposing) onEscapeRef.current();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  /** Tab and Shift+Tab wrap around inside the dialog. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key !== 'Tab' || !boxRef.current) return;
    const all = focusables(boxRef.current);
    const first = all[0];
    const last = all[all.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && (document.activeElement === first || document.activeElement === boxRef.current)) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <div className="dialog-backdrop">
      <div
        ref={boxRef}
        className={className ? `dialog ${className}` : 'dialog'}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>
  );
}
