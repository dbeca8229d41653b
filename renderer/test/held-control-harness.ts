/**
 * What jsdom lacks for tests of held controls (joystick, lens rocker and buttons, keyboard and gamepad
 * drive): animation frames that run when the test says so, fake interval/timeout timers for the
 * heartbeat, pointer capture, and layout.
 */
import { act } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Installs, around every test of the calling file, a manual `requestAnimationFrame` and fake timers
 * (intervals and timeouts only). `flushFrame` runs the callbacks of one animation frame; `pendingFrames`
 * counts the frames requested and not yet run or cancelled.
 */
export function mockAnimationFrames(): { flushFrame: () => void; pendingFrames: () => number } {
  let frames = new Map<number, FrameRequestCallback>();
  let nextFrame = 1;

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    frames = new Map();
    nextFrame = 1;
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      const id = nextFrame++;
      frames.set(id, cb);
      return id;
    });
    vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  return {
    flushFrame() {
      const due = [...frames.values()];
      frames.clear();
      act(() => due.forEach((cb) => cb(performance.now())));
    },
    pendingFrames: () => frames.size,
  };
}

/** Installs, before every test of the calling file, a pointer capture that records who holds which pointer. */
export function mockPointerCapture(): void {
  beforeEach(() => {
    const captured = new Set<number>();
    Element.prototype.setPointerCapture = vi.fn((id: number) => void captured.add(id));
    Element.prototype.hasPointerCapture = vi.fn((id: number) => captured.has(id));
    Element.prototype.releasePointerCapture = vi.fn((id: number) => void captured.delete(id));
  });
}

/** Gives `element` a `width`×`height` CSS px box at the viewport origin (jsdom has no layout). */
export function placeAtOrigin(element: HTMLElement, width: number, height: number): void {
  const box = { left: 0, top: 0, width, height, right: width, bottom: height, x: 0, y: 0 };
  element.getBoundingClientRect = () => ({ ...box, toJSON: () => box });
}
