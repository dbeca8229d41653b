/**
 * Names on the wire, derived mechanically from the contract: the preload and both bridges iterate this,
 * so no method is ever listed by hand twice.
 */
import { eventListenerName, type ContractSpec } from './contract-types';
import { ptzContract } from './contract';

export interface MethodEntry {
  readonly service: string;
  readonly method: string;
  readonly kind: 'invoke' | 'send';
  /** Electron IPC channel, e.g. `ptz:devices.list`. */
  readonly channel: string;
}

export interface EventEntry {
  readonly event: string;
  /** Renderer helper name, e.g. `onDevicesChanged`. */
  readonly listener: string;
  /** Electron IPC channel the main process sends the payloads on. */
  readonly channel: string;
}

export interface ChannelManifest {
  readonly methods: readonly MethodEntry[];
  readonly events: readonly EventEntry[];
}

/** Renderer → main: asks for an event's snapshot and subsequent deltas. */
export const SUBSCRIBE_CHANNEL = 'ptz:subscribe';
/** Renderer → main: drops an event subscription. */
export const UNSUBSCRIBE_CHANNEL = 'ptz:unsubscribe';

export const methodChannel = (service: string, method: string): string => `ptz:${service}.${method}`;
export const eventChannel = (event: string): string => `ptz:event:${event}`;

export function buildManifest(contract: ContractSpec): ChannelManifest {
  const methods: MethodEntry[] = [];
  for (const [service, spec] of Object.entries(contract.services)) {
    for (const [method, m] of Object.entries(spec)) {
      methods.push({ service, method, kind: m.kind, channel: methodChannel(service, method) });
    }
  }
  const events = Object.keys(contract.events).map((event) => ({
    event,
    listener: eventListenerName(event),
    channel: eventChannel(event),
  }));
  return { methods, events };
}

export const PTZ_MANIFEST: ChannelManifest = buildManifest(ptzContract);
