/** The STOP ALL action and its global Escape key, shared by the button and the key handler. */
import { useCallback, useEffect } from 'react';
import { isIpcError } from '../../../../shared/ipc/ipc-error';
import { useAppStoreApi, usePtzClient } from '../../store/app-context';

/** Returns a function that stops every camera and reports the outcome as a notice. */
export function useStopAll(): () => void {
  const client = usePtzClient();
  const store = useAppStoreApi();
  return useCallback(() => {
    // First, so held controls let go before the stop reaches the core and cannot restart a camera.
    store.getState().noteStopAll();
    client.motion.stopAll().then(
      (r) => store.getState().showNotice({ type: 'stop-all-sent', count: r.devices }),
      (e: unknown) =>
        store.getState().showNotice({ type: 'stop-all-failed', message: isIpcError(e) ? e.message : String(e) }),
    );
  }, [client, store]);
}

/**
 * Escape = STOP ALL wherever focus is: listened for on `window` in the capture phase, so no component can
 * swallow it first. Key repeat is ignored (one stop per press).
 */
export function useStopAllHotkey(stopAll: () => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !e.repeat) stopAll();
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [stopAll]);
}
