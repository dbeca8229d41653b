/**
 * Test helper: an in-memory full-duplex byte pair standing in for a pty pair or a null-modem cable.
 * Writes are delivered synchronously; while an end is paused, bytes for it wait in its "OS buffer"
 * (`pendingBytes`) and come out on resume, so backpressure is visible.
 */
import type { SerialEndpoint } from './visca-serial-server';

export interface MemoryEnd extends Required<SerialEndpoint> {
  /** True while the reader of this end has paused. */
  readonly paused: boolean;
  /** Bytes written by the other end and not yet delivered here (held while paused). */
  readonly pendingBytes: number;
  /** Every chunk this end wrote, with the clock time of the write. */
  readonly writes: Array<{ t: number; bytes: Uint8Array }>;
}

export function memoryDuplex(now: () => number = () => Date.now()): { a: MemoryEnd; b: MemoryEnd } {
  const make = () => {
    const listeners = new Set<(chunk: Uint8Array) => void>();
    const held: Uint8Array[] = [];
    const writes: Array<{ t: number; bytes: Uint8Array }> = [];
    let paused = false;
    const deliver = (chunk: Uint8Array): void => {
      if (paused) held.push(chunk);
      else for (const l of [...listeners]) l(chunk);
    };
    const end = {
      peer: null as null | { deliver(c: Uint8Array): void },
      deliver,
      get paused() {
        return paused;
      },
      get pendingBytes() {
        return held.reduce((n, c) => n + c.length, 0);
      },
      writes,
      write(bytes: Uint8Array): Promise<void> {
        const copy = Uint8Array.from(bytes);
        writes.push({ t: now(), bytes: copy });
        end.peer?.deliver(copy);
        return Promise.resolve();
      },
      onData(listener: (chunk: Uint8Array) => void): () => void {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      pause(): void {
        paused = true;
      },
      resume(): void {
        paused = false;
        while (!paused && held.length > 0) deliver(held.shift()!);
      },
    };
    return end;
  };
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return { a, b };
}
