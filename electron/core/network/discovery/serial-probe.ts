/**
 * The serial probe: each port × baud rate (most common first) × VISCA (AddressSet broadcast, then a
 * version inquiry per camera the chain reports) and Pelco-D (pan position query). Ports run in parallel,
 * bauds one at a time per port; a port stops at the first baud that answers. A port a configured device
 * owns is never opened (skipped with a note).
 */
import {
  ViscaFramer,
  decodeInquiryAnswer,
  decodeReply,
  encodeAddressSet,
  encodeInquiry,
} from '../../devices/protocols/visca';
import { PelcoFramer, decodePelcoDResponse, encodePelcoD } from '../../devices/protocols/pelco';
import type { OpenSerialPort, RawSerialPort } from '../../devices/transports/transport';
import { emptyFinding, type Finding, type MethodContext } from './findings';

/** Baud rates tried, Sony's default first, then the other common ones. */
export const PROBE_BAUDS = [9600, 38400, 19200, 4800, 2400] as const;

/**
 * How long a full chain takes to answer at `baud`, ms: the Pelco-D query (7 bytes) goes out first, then
 * AddressSet (4 bytes) travels through every one of up to 7 cameras and back to the PC (8 links), each
 * camera taking a moment to handle it before relaying; 100 ms of margin on top. 9600 baud: 211 ms,
 * 2400 baud: 333 ms; a silent port costs the sum over the bauds tried (about 1.2 s).
 */
export function replyWindowMs(baud: number, cameras = 7, perCameraMs = 10): number {
  const bytes = 7 + 4 * (cameras + 1);
  return 100 + cameras * perCameraMs + Math.ceil((bytes * 10 * 1000) / baud); // 10 bits per byte (8N1)
}

export interface SerialProbeOptions {
  /** Ports to probe. */
  ports: readonly string[];
  /** Ports a configured device holds: path → device name (never opened). */
  owned: ReadonlyMap<string, string>;
  open: OpenSerialPort;
  bauds?: readonly number[];
  /** How long to wait for the replies at one baud, ms (default: `replyWindowMs(baud)`). */
  replyTimeoutMs?: number;
  /** Pelco-D receiver addresses to query (default [1]: a full 1–255 poll × 5 bauds would take minutes). */
  pelcoAddresses?: readonly number[];
}

/** Reads from an open port until `accept` returns a value or the time runs out. */
class LineReader {
  private chunks: Uint8Array[] = [];
  private wake: (() => void) | null = null;
  private readonly off: () => void;
  constructor(port: RawSerialPort) {
    this.off = port.onData((c) => {
      this.chunks.push(c);
      this.wake?.();
    });
  }
  clear(): void {
    this.chunks = [];
  }
  /** Feeds every chunk to `take` until it returns non-null or `timeoutMs` passes. */
  async until<T>(take: (chunk: Uint8Array) => T | null, timeoutMs: number, signal: AbortSignal): Promise<T | null> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.chunks.length > 0) {
        const v = take(this.chunks.shift()!);
        if (v !== null) return v;
      }
      const left = deadline - performance.now();
      if (left <= 0 || signal.aborted) return null;
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, left);
        function done() {
          clearTimeout(t);
          signal.removeEventListener('abort', done);
          resolve();
        }
        this.wake = done;
        signal.addEventListener('abort', done, { once: true });
      });
      this.wake = null;
    }
  }
  close(): void {
    this.off();
  }
}

/** Probes every port; findings per camera found. */
export async function runSerialProbe(options: SerialProbeOptions, ctx: MethodContext): Promise<void> {
  const bauds = options.bauds ?? PROBE_BAUDS;
  const total = options.ports.length * bauds.length;
  let done = 0;
  const tick = (n = 1) => ctx.progress((done += n), total);
  ctx.progress(0, total);
  const notes: string[] = [];
  const note = (s: string) => {
    notes.push(s);
    ctx.note(notes.join('; '));
  };
  await Promise.all(
    options.ports.map(async (path) => {
      const owner = options.owned.get(path);
      if (owner !== undefined) {
        note(`${path} skipped: used by "${owner}"`);
        tick(bauds.length);
        return;
      }
      for (let i = 0; i < bauds.length; i++) {
        if (ctx.signal.aborted) return;
        let found: Finding[];
        try {
          found = await probeAt(path, bauds[i]!, options, ctx.signal);
        } catch (e) {
          note(`${path}: ${e instanceof Error ? e.message : String(e)}`);
          tick(bauds.length - i);
          return;
        }
        tick();
        if (found.length > 0) {
          for (const f of found) ctx.found(f);
          tick(bauds.length - i - 1); // the other bauds need no probing
          return;
        }
      }
    }),
  );
}

/** One port at one baud: VISCA chain, then Pelco-D. Rejects when the port cannot be opened. */
export async function probeAt(
  path: string,
  baud: number,
  options: Pick<SerialProbeOptions, 'open' | 'replyTimeoutMs' | 'pelcoAddresses'>,
  signal: AbortSignal,
): Promise<Finding[]> {
  const timeoutMs = options.replyTimeoutMs ?? replyWindowMs(baud);
  const port = await options.open(path, { baudRate: baud });
  const reader = new LineReader(port);
  try {
    const found: Finding[] = [];
    // Both probes at once, so each baud costs one reply timeout: a Pelco-D pan query (receivers answer
    // FF addr 00 59 MSB LSB sum) and the VISCA AddressSet broadcast (the chain answers 88 30 0w FF, w =
    // cameras + 1). Neither protocol mistakes the other's bytes for a frame of its own.
    const pelcoAddresses = options.pelcoAddresses ?? [1];
    const framer = new ViscaFramer();
    const pelco = new PelcoFramer('d', 'from-camera');
    const answered = { visca: null as number | null, pelco: new Set<number>() };
    for (const address of pelcoAddresses) await port.write(encodePelcoD(address, { kind: 'query', what: 'pan' }));
    await port.write(encodeAddressSet());
    await reader.until(
      (chunk) => {
        for (const r of framer.push(chunk)) {
          if (!r.ok) continue;
          const reply = decodeReply(r.value);
          if (reply.ok && reply.value.kind === 'address-set') answered.visca = reply.value.next;
        }
        for (const r of pelco.push(chunk)) {
          if (!r.ok) continue;
          const resp = decodePelcoDResponse(r.value);
          if (resp.ok && pelcoAddresses.includes(resp.value.address)) answered.pelco.add(resp.value.address);
        }
        // A VISCA chain answers AddressSet once; Pelco receivers one frame each.
        return answered.visca !== null || answered.pelco.size === pelcoAddresses.length ? true : null;
      },
      timeoutMs,
      signal,
    );
    for (const address of [...answered.pelco].sort((a, b) => a - b)) {
      found.push(serialFinding(path, baud, address, 'pelco-d', null));
    }
    const next = answered.visca;
    if (next !== null) {
      for (let address = 1; address < next && address <= 7; address++) {
        reader.clear();
        await port.write(encodeInquiry(address as 1, 'version'));
        const model = await reader.until(
          (chunk) => {
            for (const r of framer.push(chunk)) {
              if (!r.ok) continue;
              const reply = decodeReply(r.value);
              if (!reply.ok || !('address' in reply.value) || reply.value.address !== address) continue;
              if (reply.value.kind !== 'completion') return 'unknown';
              const v = decodeInquiryAnswer('version', reply.value.data);
              if (!v.ok || v.value.inquiry !== 'version') return 'unknown';
              const hex4 = (n: number) => n.toString(16).padStart(4, '0');
              return `VISCA vendor ${hex4(v.value.vendor)} model ${hex4(v.value.model)}`;
            }
            return null;
          },
          timeoutMs,
          signal,
        );
        // AddressSet already proved the chain; a silent version inquiry only costs the model.
        found.push(serialFinding(path, baud, address, 'visca-serial', model === 'unknown' ? null : model));
      }
    }
    return found;
  } finally {
    reader.close();
    await port.close().catch(() => undefined);
  }
}

function serialFinding(
  path: string,
  baud: number,
  address: number,
  protocol: 'visca-serial' | 'pelco-d',
  model: string | null,
): Finding {
  return {
    ...emptyFinding('serial'),
    model: model ?? (protocol === 'pelco-d' ? 'Pelco-D receiver' : 'VISCA camera'),
    endpoints: [{ protocol, path, baud, address }],
    proof: true,
  };
}
