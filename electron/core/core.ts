/**
 * Builds the core: settings, the device registry with its drivers, the services of the contract, and
 * (in demo mode) the embedded camera simulator. Plain Node; both bridges run on top of this.
 */
import type { CallerContext } from '../../shared/ipc/contract-types';
import { ptzContract, type PtzHandlers } from '../../shared/ipc/contract';
import type { DeviceConfig } from '../../shared/model/device';
import { DEAD_MAN_MS, type StopReason } from '../../shared/model/motion';
import type { PtzCore } from './core-api';
import { systemClock, type Clock } from './devices/clock';
import { DeviceManager } from './devices/device-manager';
import { createDeviceFactory } from './devices/device-factory';
import { StreamTransportPool } from './devices/transports/stream-transport-pool';
import { UdpTransportPool } from './devices/transports/udp-transport';
import { createDispatcher } from './ipc/dispatch';
import { createConsoleLogger, type Logger } from './logger';
import { createDevicesService } from './services/devices-service';
import { createLensService } from './services/lens-service';
import { createMotionService } from './services/motion-service';
import { createPresetsService } from './services/presets-service';
import { createDiscoveryService } from './network/discovery/discovery-service';
import { createNetworkService } from './network/network-service';
import { createRepairService } from './network/repair/repair-service';
import { startSimulator, type Simulator } from './sim/simulator';
import { SettingsStore, type Settings } from './storage/settings-store';

export interface CoreOptions {
  /** Where settings.json lives. */
  dataDir: string;
  /** Run the embedded simulator and re-point the demo cameras at it (two are added on first run). */
  demo: boolean;
  log?: Logger;
  clock?: Clock;
  /** argv prefix that runs the privileged network helper (default: pkexec, or directly when root). */
  netHelperCommand?: readonly string[];
  version?: string;
}

export interface CoreInstance extends PtzCore {
  readonly manager: DeviceManager;
  /** The embedded simulator in demo mode, for tests and the demo; null otherwise. */
  readonly simulator: Simulator | null;
  readonly settings: SettingsStore;
}

const DEMO_CAMERAS_ON_FIRST_RUN = 2;

export async function createCore(options: CoreOptions): Promise<CoreInstance> {
  const log = options.log ?? createConsoleLogger('core');
  const clock = options.clock ?? systemClock;
  const store = new SettingsStore(options.dataDir, log);
  const { settings, firstRun } = await store.load();

  let simulator: Simulator | null = null;
  let devices = settings.devices;
  if (options.demo) {
    if (firstRun && !settings.demoSeeded) {
      devices = [...devices, ...demoConfigs(DEMO_CAMERAS_ON_FIRST_RUN)];
    }
    const demoDevices = devices.filter((d) => d.demo);
    if (demoDevices.length > 0) {
      simulator = await startSimulator({ cameras: demoDevices.length, host: '127.0.0.1' });
      // The simulator's ports are picked at run time: point each demo camera at its simulated head.
      const ports = new Map(demoDevices.map((d, i) => [d.id, simulator!.cameras[i]!.port]));
      devices = devices.map((d) => (ports.has(d.id) ? { ...d, host: '127.0.0.1', port: ports.get(d.id)! } : d));
    }
  } else {
    // Demo cameras stay in the file but are not started without the simulator behind them.
    devices = devices.filter((d) => !d.demo);
  }

  const pool = new UdpTransportPool(log);
  const streams = new StreamTransportPool(log);
  // One factory (and so one set of shared transports and VISCA buses) for the registry and devices.test.
  const createDevice = createDeviceFactory({ clock, log, pool, streams });
  const manager = new DeviceManager(createDevice, log);
  const hiddenDemo = options.demo ? [] : settings.devices.filter((d) => d.demo);
  const current = (): Settings => ({
    ...settings,
    demoSeeded: settings.demoSeeded || options.demo,
    devices: [...manager.configs(), ...hiddenDemo],
    presets: Object.fromEntries([
      // Records of demo cameras not running now are kept; those of removed devices go with them.
      ...hiddenDemo.map((d) => [d.id, settings.presets[d.id] ?? []] as const),
      ...manager.list().map((d) => [d.id, d.presets] as const),
    ]),
  });
  const persist = () => store.save(current());

  for (const config of devices) {
    await manager.add(config);
    manager.get(config.id).setPresetRecords(settings.presets[config.id] ?? []);
  }
  if (firstRun || options.demo) await persist();

  const network = createNetworkService({ manager, log });
  const discovery = createDiscoveryService({ network, log });
  const repair = await createRepairService({
    dataDir: options.dataDir,
    manager,
    persist,
    network,
    log,
    // ONVIF readdressing needs the device-service addresses WS-Discovery found.
    discovered: () => discovery.current().cameras,
    ...(options.netHelperCommand ? { helperCommand: options.netHelperCommand } : {}),
  });

  const handlers: PtzHandlers = {
    devices: createDevicesService({ manager, persist, createDevice, clock }),
    motion: createMotionService(manager),
    lens: createLensService(manager),
    presets: createPresetsService({ manager, persist, clock }),
    network: network.handlers,
    discovery: discovery.handlers,
    repair: repair.handlers,
    app: {
      info: () => ({
        version: options.version ?? '0.1.0',
        platform: process.platform,
        demo: simulator !== null,
        deadManMs: DEAD_MAN_MS,
      }),
    },
  };
  const dispatcher = createDispatcher(ptzContract, handlers, log);

  let shuttingDown: Promise<void> | null = null;
  return {
    dispatcher,
    log,
    manager,
    simulator,
    settings: store,
    subscribe(event, listener) {
      switch (event) {
        case 'devicesChanged':
          // E is narrowed to 'devicesChanged' here; TypeScript cannot narrow the generic listener with it.
          return manager.subscribe(listener as Parameters<DeviceManager['subscribe']>[0]);
        case 'networkChanged':
          return network.subscribe(listener as Parameters<typeof network.subscribe>[0]);
        case 'discoveryChanged':
          return discovery.subscribe(listener as Parameters<typeof discovery.subscribe>[0]);
        case 'repairChanged':
          return repair.subscribe(listener as Parameters<typeof repair.subscribe>[0]);
        default:
          throw new Error(`unknown event ${String(event)}`);
      }
    },
    releaseClient(ctx: CallerContext, reason: StopReason) {
      const n = manager.releaseClient(ctx.clientId, reason);
      if (n > 0) log.info(`client ${ctx.clientId} gone (${reason}): stopped ${n} device(s)`);
    },
    shutdown() {
      shuttingDown ??= (async () => {
        await discovery.close();
        await repair.close();
        await network.close();
        await manager.shutdown();
        await pool.closeAll();
        await streams.closeAll();
        await simulator?.close();
      })();
      return shuttingDown;
    },
  };
}

function demoConfigs(n: number): DeviceConfig[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `demo-${i + 1}`,
    name: `Demo camera ${i + 1}`,
    protocol: 'visca-ip' as const,
    host: '127.0.0.1',
    port: 52381,
    enabled: true,
    demo: true,
  }));
}
