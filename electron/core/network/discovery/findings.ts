/**
 * What one discovery method learned about one device, before merging: the common shape every method
 * reports in, and the flag that decides whether it proves a camera on its own.
 */
import type { ControlEndpoint, DiscoveryMethod } from '../../../../shared/model/network';

/** One device as one method saw it. Unknown fields are null / empty. */
export interface Finding {
  method: DiscoveryMethod;
  mac: string | null;
  ip: string | null;
  prefix: number | null;
  gateway: string | null;
  model: string | null;
  name: string | null;
  /** PC interface it was seen on (null for serial, or a sweep of a subnet the PC is not on). */
  interface: string | null;
  openPorts: number[];
  endpoints: ControlEndpoint[];
  onvifXAddrs: string[];
  writable: boolean | null;
  /**
   * True when this finding alone shows a camera the console can talk to: an IP-setup answer, a
   * WS-Discovery ProbeMatch, a VISCA answer (over IP or serial) or a Pelco answer. An open TCP port
   * (80, 8899 …) is not: such a host is only listed when another method vouches for it.
   */
  proof: boolean;
}

/** A finding with every optional field empty; the method fills in what it knows. */
export function emptyFinding(method: DiscoveryMethod): Finding {
  return {
    method,
    mac: null,
    ip: null,
    prefix: null,
    gateway: null,
    model: null,
    name: null,
    interface: null,
    openPorts: [],
    endpoints: [],
    onvifXAddrs: [],
    writable: null,
    proof: false,
  };
}

/** Receives findings as a method makes them (so the pane can show cameras while the scan runs). */
export type FindingSink = (finding: Finding) => void;

/** Reports progress of one method: `done` of `total` probes. */
export type ProgressSink = (done: number, total: number) => void;

/** What every method gets: where to report, and the scan's abort signal. */
export interface MethodContext {
  signal: AbortSignal;
  found: FindingSink;
  progress: ProgressSink;
  /** A note for the method's `detail` (a skipped port, a missing command); the last one wins. */
  note(detail: string): void;
}
