/** What the repair runner does to the world, behind one interface: real in the service, fakes in tests. */
import type { NetInterface } from '../../../../shared/model/network';
import type { CheckResult, RepairCredentials, RepairRecord } from '../../../../shared/model/repair';
import type { NetHelper } from './helper-client';
import type { JournalEntry } from './repair-journal';

/** A camera's answer to the Sony IP-setup inquiry. */
export interface IpSetupCamera {
  mac: string;
  ip: string | null;
  mask: string | null;
  gateway: string | null;
  model: string | null;
  name: string | null;
  /** `WRITE:on` → true, `off` → false, absent → null. */
  writable: boolean | null;
}

export interface RepairEffects {
  /** The PC's interfaces now. */
  interfaces(): Promise<NetInterface[]>;
  /** One or two ICMP echoes: true when answered. */
  ping(iface: string, ip: string): Promise<boolean>;
  /** MACs answering ARP for `ip`. */
  arpProbe(iface: string, ip: string): Promise<string[]>;
  /** RFC 5227 duplicate-address detection. */
  arpDad(iface: string, ip: string): Promise<{ free: boolean; macs: string[] }>;
  /** Sony IP-setup inquiry on `iface`: every camera that answered. */
  ipSetupScan(iface: NetInterface, signal: AbortSignal): Promise<IpSetupCamera[]>;
  /**
   * Sony IP-setup network setting addressed by MAC: ACK → ok. `uncertain`: no answer to the setting, NAK to
   * its repeat, so the camera may be applying the first (its ACK lost); only its new address can tell.
   */
  ipSetupWrite(
    req: { iface: NetInterface; mac: string; ip: string; mask: string; gateway: string; name: string },
    signal: AbortSignal,
  ): Promise<CheckResult & { uncertain?: boolean }>;
  /** VISCA-over-IP version inquiry at `ip`. */
  viscaCheck(ip: string, signal: AbortSignal): Promise<CheckResult>;
  /**
   * ONVIF device service answers at `xaddr`; with `credentials`, it also accepts them (an authenticated
   * read), so a wrong password stops the repair before anything on the camera changes.
   */
  onvifCheck(xaddr: string, signal: AbortSignal, credentials?: RepairCredentials): Promise<CheckResult>;
  /** ONVIF SetNetworkInterfaces (+ gateway, reboot); resolves with what was done. */
  onvifSetAddress(
    xaddr: string,
    target: { address: string; prefix: number; gateway: string | null },
    signal: AbortSignal,
    credentials?: RepairCredentials,
  ): Promise<string>;
  /** ONVIF device-service URLs discovery found for this camera. */
  onvifXAddrs(ip: string, mac: string | null): string[];
  /** Hosts of the configured network devices (never proposed as a target). */
  deviceHosts(): string[];
  /** Points the device entry at the camera's new address and saves settings; resolves with what changed. */
  updateDevice(deviceId: string | null, oldIp: string, newIp: string): Promise<string | null>;
  helper: NetHelper;
  journal: { write(entry: JournalEntry): Promise<void>; clear(): Promise<void> };
  history: { append(record: RepairRecord): Promise<void> };
  operator(): { user: string; host: string };
  now(): number;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** Calls `fire` once after `ms` unless cancelled first (the temporary address's safety timer). */
  setTimer(ms: number, fire: () => void): { cancel(): void };
  newId(): string;
}

/** How long the runner waits; shortened in tests. */
export interface RepairTimings {
  /** Confirm: how long the camera may take to answer at its new address (Sony: up to 30 s). */
  confirmTimeoutMs: number;
  /** Confirm: pause between checks. */
  pollMs: number;
  /**
   * Manual mode: how long the temporary address may stay without the operator running a check; then it is
   * removed and the repair ends (field-practice §4.3: a TTL, so a forgotten wizard leaves no alias behind).
   */
  aliasTtlMs: number;
}

export const DEFAULT_TIMINGS: RepairTimings = { confirmTimeoutMs: 45_000, pollMs: 1_000, aliasTtlMs: 10 * 60_000 };
