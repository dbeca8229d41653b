/**
 * Keys 1–9 recall presets 1–9 of the selected camera; Ctrl+1–9 asks to save to them. Listened for on
 * `window` in the bubble phase, so a field that handles its own digits keeps them; ignored while typing in
 * a field and while any dialog is open. Escape is not touched here: it stays STOP ALL.
 */
import { useEffect, useRef } from 'react';
import { isHotkeyBlocked, presetHotkeyOf, type PresetHotkey } from './preset-model';

export function usePresetHotkeys(enabled: boolean, onHotkey: (key: PresetHotkey) => void): void {
  const handler = useRef(onHotkey);
  useEffect(() => {
    handler.current = onHotkey;
  }, [onHotkey]);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (e: KeyboardEvent): void => {
      const key = presetHotkeyOf(e);
      if (key === null || isHotkeyBlocked(e.target, document)) return;
      e.preventDefault(); // Ctrl+digit must not reach the browser (tab switching in Chromium)
      handler.current(key);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
