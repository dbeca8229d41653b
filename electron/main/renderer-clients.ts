/**
 * Caller contexts of the Electron renderers. One client per page load of a webContents
 * (`wc-<webContents id>-<load generation>`), so a reload is a new client and the core can release what the
 * old page was driving.
 */
import type { CallerContext } from '../../shared/ipc/contract-types';

/** Context for stops the main process issues on its own behalf (crash, uncaught exception). */
export const MAIN_PROCESS_CTX: CallerContext = Object.freeze({ clientId: 'main', bridge: 'electron' });

export class RendererClients {
  private readonly loads = new Map<number, { generation: number; ctx: CallerContext }>();

  /** The context of the page currently loaded in webContents `webContentsId`. */
  current(webContentsId: number): CallerContext {
    return this.entry(webContentsId).ctx;
  }

  /**
   * A new page load is starting in `webContentsId`: returns the context of the load that is ending, and
   * makes later calls get a fresh one. Entries are never deleted: webContents ids are not reused, and a
   * late message from a destroyed page must not get an id an earlier load already had.
   */
  rotate(webContentsId: number): CallerContext {
    const ending = this.entry(webContentsId);
    this.loads.set(webContentsId, make(webContentsId, ending.generation + 1));
    return ending.ctx;
  }

  private entry(webContentsId: number): { generation: number; ctx: CallerContext } {
    let e = this.loads.get(webContentsId);
    if (!e) {
      e = make(webContentsId, 1);
      this.loads.set(webContentsId, e);
    }
    return e;
  }
}

function make(webContentsId: number, generation: number): { generation: number; ctx: CallerContext } {
  return { generation, ctx: Object.freeze({ clientId: `wc-${webContentsId}-${generation}`, bridge: 'electron' }) };
}
