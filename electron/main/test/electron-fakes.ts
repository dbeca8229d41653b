/**
 * Fakes of the Electron objects the main-process modules touch: just enough behaviour (events, ids, frames)
 * for the tests, built on Node's EventEmitter. Test-only.
 */
import { EventEmitter } from 'node:events';
import type { BrowserWindow, IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import { vi, type Mock } from 'vitest';
import type { Logger } from '../../core/logger';

export type SpyLogger = { [K in keyof Logger]: Mock<Logger[K]> };

/** A logger whose every level is a spy. */
export function spyLogger(): SpyLogger {
  return { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

export interface FakeFrame {
  url: string;
}

export class FakeWebContents extends EventEmitter {
  readonly mainFrame: FakeFrame;
  destroyed = false;
  readonly send = vi.fn();
  readonly forcefullyCrashRenderer = vi.fn();
  readonly setWindowOpenHandler = vi.fn();

  constructor(
    readonly id: number,
    url = 'app://ptz/index.html',
  ) {
    super();
    this.mainFrame = { url };
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }

  asWebContents(): WebContents {
    return this as unknown as WebContents;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  destroyed = false;
  minimized = false;
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly show = vi.fn();
  readonly focus = vi.fn();
  readonly restore = vi.fn();
  readonly setFullScreen = vi.fn();

  constructor(
    id = 1,
    readonly options: unknown = {},
  ) {
    super();
    this.webContents = new FakeWebContents(id);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  asBrowserWindow(): BrowserWindow {
    return this as unknown as BrowserWindow;
  }
}

/** An IPC event from `sender`'s main frame, or from `frame` (a subframe, null, …) when given. */
export function ipcEvent(
  sender: FakeWebContents,
  frame: FakeFrame | null = sender.mainFrame,
): IpcMainInvokeEvent & IpcMainEvent {
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent & IpcMainEvent;
}

type Listener = (event: unknown, ...args: unknown[]) => unknown;

/** An ipcMain that records handlers so a test can play the renderer. */
export function createFakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const listeners = new Map<string, Listener>();
  return {
    handlers,
    listeners,
    handle: vi.fn((channel: string, fn: Listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
    on: vi.fn((channel: string, fn: Listener) => listeners.set(channel, fn)),
    removeListener: vi.fn((channel: string) => listeners.delete(channel)),
    /** This fake typed as the real thing, for the code under test. */
    asIpcMain(): IpcMain {
      return this as unknown as IpcMain;
    },
    /** Forgets every registration (between tests). */
    reset(): void {
      handlers.clear();
      listeners.clear();
    },
    /** Plays `ipcRenderer.invoke(channel, ...args)` from `event`. */
    invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`no handler for ${channel}`);
      return Promise.resolve(fn(event, ...args));
    },
    /** Plays `ipcRenderer.send(channel, ...args)` from `event`. */
    send(channel: string, event: unknown, ...args: unknown[]): void {
      const fn = listeners.get(channel);
      if (!fn) throw new Error(`no listener for ${channel}`);
      fn(event, ...args);
    },
  };
}
export type FakeIpcMain = ReturnType<typeof createFakeIpcMain>;
