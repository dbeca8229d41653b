/** Picks the driver for a configuration's protocol. New protocols add a case here. */
import type { DeviceConfig } from '../../../shared/model/device';
import { assertNever } from '../../../shared/util/assert-never';
import type { Logger } from '../logger';
import type { Clock } from './clock';
import type { DeviceFactory } from './device-manager';
import { ViscaDevice } from './drivers/visca-device';
import { ViscaIpLink } from './drivers/visca-ip-link';
import type { UdpTransportPool } from './transports/udp-transport';

export interface DriverEnv {
  clock: Clock;
  log: Logger;
  pool: UdpTransportPool;
}

export function createDeviceFactory(env: DriverEnv): DeviceFactory {
  return (config: DeviceConfig) => {
    switch (config.protocol) {
      case 'visca-ip':
        return new ViscaDevice(config, {
          clock: env.clock,
          log: env.log,
          createChannel: (c) => {
            if (c.protocol !== 'visca-ip') throw new Error(`VISCA-over-IP driver given a ${c.protocol} device`);
            return new ViscaIpLink({ host: c.host, port: c.port, pool: env.pool, clock: env.clock, log: env.log });
          },
        });
      default:
        return assertNever(config.protocol, 'protocol');
    }
  };
}
