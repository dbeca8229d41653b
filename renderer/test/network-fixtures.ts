/** Test data builders for discovery and repair: valid contract values with only what a test cares about changed. */
import type { DiscoveredCamera, DiscoveryState, NetInterface, NetworkState } from '../../shared/model/network';
import type { RepairPlan, RepairSession, RepairStep } from '../../shared/model/repair';

export function makeInterface(overrides: Partial<NetInterface> = {}): NetInterface {
  return {
    name: 'eth0',
    mac: '02:00:5e:00:53:01',
    up: true,
    addresses: [{ address: '198.51.100.10', prefix: 24 }],
    gateway: '198.51.100.1',
    managedBy: 'none',
    ...overrides,
  };
}

export function makeNetwork(overrides: Partial<NetworkState> = {}): NetworkState {
  return { interfaces: [makeInterface()], deviceConflicts: {}, ...overrides };
}

/** A Sony camera found by IP setup and the sweep at 198.51.100.<n>, reachable, without problems. */
export function makeCamera(id: string, overrides: Partial<DiscoveredCamera> = {}): DiscoveredCamera {
  return {
    id,
    mac: '02:00:5e:00:53:aa',
    ip: '198.51.100.20',
    prefix: 24,
    gateway: '198.51.100.1',
    model: 'BRC-X400',
    name: 'CAM-20',
    interface: 'eth0',
    foundBy: ['ip-setup', 'sweep'],
    openPorts: [52381],
    endpoints: [{ protocol: 'visca-ip', host: '198.51.100.20', port: 52381 }],
    onvifXAddrs: [],
    reachable: true,
    writable: true,
    conflicts: [],
    ...overrides,
  };
}

export function makeScan(overrides: Partial<DiscoveryState> = {}): DiscoveryState {
  return {
    scanId: 'scan-1',
    state: 'running',
    startedAt: 1_700_000_000_000,
    finishedAt: null,
    methods: [
      { method: 'ip-setup', state: 'done', done: 1, total: 1, detail: null },
      { method: 'sweep', state: 'running', done: 300, total: 1270, detail: null },
      { method: 'ws-discovery', state: 'running', done: 0, total: 0, detail: null },
      { method: 'serial', state: 'failed', done: 0, total: 0, detail: 'no serial ports' },
    ],
    cameras: [],
    error: null,
    ...overrides,
  };
}

export function makePlan(overrides: Partial<RepairPlan> = {}): RepairPlan {
  return {
    interface: 'eth0',
    alias: { address: '203.0.113.200', prefix: 24 },
    target: { address: '198.51.100.68', prefix: 24, gateway: '198.51.100.1' },
    method: 'ip-setup',
    ...overrides,
  };
}

/** A session for the camera at 203.0.113.68 (another subnet) at `state`. */
export function makeSession(state: RepairStep, overrides: Partial<RepairSession> = {}): RepairSession {
  return {
    id: 'rep-1',
    startedAt: 1_700_000_000_000,
    target: { ip: '203.0.113.68', mac: '02:00:5e:00:53:68', interface: 'eth0', deviceId: null, model: 'BRC-X400' },
    diagnosis: [{ kind: 'outside-subnet', ip: '203.0.113.68', pcSubnets: ['198.51.100.0/24'] }],
    plan: makePlan(),
    state,
    log: [{ at: 1_700_000_000_500, step: 'diagnose', text: 'camera answers IP setup at 203.0.113.68' }],
    ...overrides,
  };
}
