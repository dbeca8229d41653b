/**
 * Pure helpers of the discovery pane: the sweep-ports text, the request, a discovered camera's best
 * endpoint as an add-device configuration, and when a camera needs the repair wizard.
 */
import { Port, type DeviceConfigInput } from '../../../../shared/model/device';
import {
  DiscoveryRequest,
  type ControlEndpoint,
  type DiscoveredCamera,
  type DiscoveryMethod,
  type DiscoveryRequestInput,
} from '../../../../shared/model/network';
import type { RepairStart } from '../../../../shared/model/repair';

/** The most ports a sweep takes (the contract's limit). */
export const MAX_SWEEP_PORTS = 32;

/** Why the ports text is not usable. */
export type PortsProblem =
  | { readonly type: 'empty' }
  | { readonly type: 'invalid'; readonly value: string }
  | { readonly type: 'too-many'; readonly max: number };

export type PortsParse =
  { readonly ok: true; readonly ports: number[] } | { readonly ok: false; readonly problem: PortsProblem };

/** Parses "52381, 5678 80" (commas and/or spaces) into distinct ports, in the order typed. */
export function parsePorts(text: string): PortsParse {
  const parts = text
    .split(/[\s,]+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, problem: { type: 'empty' } };
  const ports: number[] = [];
  for (const part of parts) {
    const n = /^\d+$/.test(part) ? Number(part) : Number.NaN;
    if (!Port.safeParse(n).success) return { ok: false, problem: { type: 'invalid', value: part } };
    if (!ports.includes(n)) ports.push(n);
  }
  if (ports.length > MAX_SWEEP_PORTS) return { ok: false, problem: { type: 'too-many', max: MAX_SWEEP_PORTS } };
  return { ok: true, ports };
}

/** What the operator chose in the pane. */
export interface DiscoveryChoice {
  readonly interfaces: readonly string[];
  readonly methods: readonly DiscoveryMethod[];
  readonly portsText: string;
}

export type RequestBuild =
  | { readonly ok: true; readonly request: DiscoveryRequestInput }
  | { readonly ok: false; readonly ports: PortsProblem | null; readonly noMethod: boolean };

/**
 * The request for `discovery.start`, checked with the contract's schema. The ports matter only when the
 * sweep is chosen; otherwise a bad ports text does not block the other methods.
 */
export function buildRequest(choice: DiscoveryChoice): RequestBuild {
  const sweep = choice.methods.includes('sweep');
  const ports = parsePorts(choice.portsText);
  const portsProblem = sweep && !ports.ok ? ports.problem : null;
  const noMethod = choice.methods.length === 0;
  if (portsProblem !== null || noMethod) return { ok: false, ports: portsProblem, noMethod };
  const request: DiscoveryRequestInput = {
    interfaces: [...choice.interfaces],
    methods: [...choice.methods],
    ...(sweep && ports.ok ? { ports: ports.ports } : {}),
  };
  // The schema is the contract's: anything it refuses would be refused by the core too.
  const parsed = DiscoveryRequest.safeParse(request);
  if (!parsed.success) return { ok: false, ports: null, noMethod };
  return { ok: true, request };
}

/** The name to show and to pre-fill: the camera's own name, else its model; null when it gave neither. */
export function cameraName(camera: DiscoveredCamera): string | null {
  const name = camera.name?.trim() || camera.model?.trim() || '';
  return name === '' ? null : name;
}

/** The add-device configuration for one endpoint, named `name` (cut to the form's 64 characters). */
export function configFromEndpoint(endpoint: ControlEndpoint, name: string): DeviceConfigInput {
  const base = { name: name.slice(0, 64), enabled: true };
  switch (endpoint.protocol) {
    case 'visca-ip':
    case 'visca-tcp':
    case 'visca-udp':
      return { ...base, protocol: endpoint.protocol, host: endpoint.host, port: endpoint.port };
    case 'visca-serial':
    case 'pelco-d':
    case 'pelco-p':
      return {
        ...base,
        protocol: endpoint.protocol,
        path: endpoint.path,
        baudRate: endpoint.baud,
        address: endpoint.address,
      };
  }
}

/** The camera's best endpoint (the core lists them best first) as a configuration; null if it has none. */
export function configFromCamera(camera: DiscoveredCamera, fallbackName: string): DeviceConfigInput | null {
  const best = camera.endpoints[0];
  return best === undefined ? null : configFromEndpoint(best, cameraName(camera) ?? fallbackName);
}

/** A camera the wizard can help: it has an address and a problem with it, or the PC cannot reach it. */
export function needsRepair(camera: DiscoveredCamera): boolean {
  return camera.ip !== null && (camera.conflicts.length > 0 || !camera.reachable);
}

/** What `repair.start` takes for a discovered camera; null for one without an IP address (serial). */
export function repairStartOf(camera: DiscoveredCamera): RepairStart | null {
  if (camera.ip === null) return null;
  return {
    ip: camera.ip,
    mac: camera.mac,
    ...(camera.interface === null ? {} : { interface: camera.interface }),
  };
}
