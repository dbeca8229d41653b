/**
 * The sender check every IPC message passes before anything else (Electron security checklist #17):
 * the main frame of one of our windows, showing `app://ptz`.
 */
import type { IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { IpcError } from '../../shared/ipc/ipc-error';
import { isAppUrl } from './app-origin';

export type IpcSenderEvent = IpcMainEvent | IpcMainInvokeEvent;
/** Whether a webContents id belongs to a window the main process created for the console. */
export type IsOurWindow = (webContentsId: number) => boolean;

/** Why `event` must be refused, or null when it comes from our window's main frame on app://ptz. */
export function untrustedReason(event: IpcSenderEvent, isOurWindow: IsOurWindow): string | null {
  try {
    // Null once the frame has navigated away or been destroyed: the page that sent this is gone.
    const frame = event.senderFrame;
    if (!frame) return 'the sending frame is gone (navigated or destroyed)';
    if (!isOurWindow(event.sender.id)) return `webContents ${event.sender.id} is not a console window`;
    // A subframe (even one that got hold of ipcRenderer) never speaks for the console.
    if (frame !== event.sender.mainFrame) return 'the message came from a subframe';
    if (!isAppUrl(frame.url)) return `the sending page is not on app://ptz (${frame.url.slice(0, 100)})`;
    return null;
  } catch (e) {
    // Touching a destroyed webContents or frame throws; such a sender is not trusted either.
    return `the sender could not be checked (${e instanceof Error ? e.message : String(e)})`;
  }
}

/** Throws IpcError `untrusted-sender` unless `event` passes {@link untrustedReason}. */
export function assertTrustedSender(event: IpcSenderEvent, isOurWindow: IsOurWindow): void {
  const reason = untrustedReason(event, isOurWindow);
  if (reason !== null) throw new IpcError('untrusted-sender', `IPC refused: ${reason}`);
}
