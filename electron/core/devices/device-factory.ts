/** Picks the driver and carrier for a configuration's protocol. New protocols add a case here. */
import type { DeviceConfig } from '../../../shared/model/device';
import { assertNever } from '../../../shared/util/assert-never';
import type { Logger } from '../logger';
import type { Clock } from './clock';
import type { DeviceFactory } from './device-manager';
import { PelcoDevice } from './drivers/pelco-device';
import { ViscaAddressLink } from './drivers/visca-address-link';
import { ViscaDatagramBus, ViscaStreamBus } from './drivers/visca-bus';
import type { ViscaChannel } from './drivers/visca-channel';
import { ViscaDevice } from './drivers/visca-device';
import { ViscaIpLink } from './drivers/visca-ip-link';
import type { ViscaAddress } from './protocols/visca/visca-types';
import { resolveIPv4 } from './transports/resolve-host';
import type { StreamTransportPool } from './transports/stream-transport-pool';
import type { StreamTransport } from './transports/transport';
import type { UdpTransportPool } from './transports/udp-transport';

export interface DriverEnv {
  clock: Clock;
  log: Logger;
  /** Shared UDP sockets (VISCA over IP, raw VISCA over UDP). */
  pool: UdpTransportPool;
  /** Shared serial ports and TCP connections. */
  streams: StreamTransportPool;
}

/** One VISCA bus per shared transport, so daisy-chained addresses share its framing and AddressSet. */
class ViscaBuses {
  private readonly buses = new Map<StreamTransport, { bus: ViscaStreamBus; users: number }>();
  constructor(private readonly log: Logger) {}

  acquire(transport: StreamTransport, serial: boolean): ViscaStreamBus {
    const entry = this.buses.get(transport) ?? {
      bus: new ViscaStreamBus(transport, { serial, log: this.log }),
      users: 0,
    };
    entry.users++;
    this.buses.set(transport, entry);
    return entry.bus;
  }

  release(transport: StreamTransport): boolean {
    const entry = this.buses.get(transport);
    if (!entry) return true;
    entry.users--;
    if (entry.users > 0) return false;
    entry.bus.dispose();
    this.buses.delete(transport);
    return true;
  }
}

export function createDeviceFactory(env: DriverEnv): DeviceFactory {
  const buses = new ViscaBuses(env.log);
  const { clock, log } = env;

  /** A channel for one address on a stream transport (serial line or raw TCP). */
  const streamChannel = (
    acquire: () => StreamTransport,
    address: ViscaAddress,
    serial: boolean,
    label: string,
    baud?: number,
  ) =>
    new ViscaAddressLink({
      address,
      label,
      clock,
      log,
      // 8N1: 10 bits a byte.
      ...(baud ? { byteTimeMs: 10_000 / baud } : {}),
      async openBus() {
        const transport = acquire();
        const bus = buses.acquire(transport, serial);
        void transport.open();
        return {
          bus,
          release: () => {
            buses.release(transport);
            env.streams.release(transport);
          },
        };
      },
    });

  /** Raw VISCA over UDP: one peer on the shared socket, one packet per datagram. */
  const udpChannel = (host: string, port: number) => {
    const label = `${host}:${port} (VISCA over UDP)`;
    return new ViscaAddressLink({
      address: 1,
      label,
      clock,
      log,
      async openBus() {
        const address = await resolveIPv4(host);
        const endpoint = await env.pool.acquire(0);
        let bus: ViscaDatagramBus | null = null;
        const peer = endpoint.register({ address, port }, (bytes) => bus?.receive(bytes));
        bus = new ViscaDatagramBus(peer, label);
        return {
          bus,
          release: async () => {
            peer.close();
            await env.pool.release(endpoint, 0);
          },
        };
      },
    });
  };

  /**
   * The VISCA channel for `c`. ViscaDevice calls it on every open with its current configuration, so a
   * reconfigured host, port or serial path takes effect (not the one the device was created with).
   */
  const viscaChannel = (c: DeviceConfig): ViscaChannel => {
    switch (c.protocol) {
      case 'visca-ip':
        return new ViscaIpLink({ host: c.host, port: c.port, pool: env.pool, clock, log });
      case 'visca-tcp':
        return streamChannel(
          () => env.streams.acquireTcp({ host: c.host, port: c.port }),
          1,
          false,
          `${c.host}:${c.port} (VISCA over TCP)`,
        );
      case 'visca-udp':
        return udpChannel(c.host, c.port);
      case 'visca-serial':
        return streamChannel(
          () => env.streams.acquireSerial({ path: c.path, baudRate: c.baudRate }),
          c.address as ViscaAddress,
          true,
          `${c.path} @ ${c.baudRate} 8N1`,
          c.baudRate,
        );
      default:
        throw new Error(`a ${c.protocol} device has no VISCA channel`);
    }
  };

  return (config: DeviceConfig) => {
    const curve = { exponent: config.responseCurve ?? 1 };
    const visca = (address: ViscaAddress = 1) =>
      new ViscaDevice(config, { clock, log, curve, address, createChannel: viscaChannel });
    switch (config.protocol) {
      case 'visca-ip':
      case 'visca-tcp':
      case 'visca-udp':
        return visca();
      case 'visca-serial':
        return visca(config.address as ViscaAddress);
      case 'pelco-d':
      case 'pelco-p':
        return new PelcoDevice(config, {
          clock,
          log,
          curve,
          // The device passes its current configuration: a reconfigured port or baud takes effect.
          acquireTransport: (c) => {
            if (c.protocol !== 'pelco-d' && c.protocol !== 'pelco-p') {
              throw new Error(`${c.name}: a Pelco device cannot take a ${c.protocol} configuration`);
            }
            return env.streams.acquireSerial({ path: c.path, baudRate: c.baudRate });
          },
          releaseTransport: (t) => env.streams.release(t),
        });
      default:
        return assertNever(config, 'device configuration');
    }
  };
}
