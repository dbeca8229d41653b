// PLACEHOLDER (owned by the discovery helper; replaced with the real service). Keep the exported signature.
import type { PtzHandlers } from '../../../../shared/ipc/contract';
import type { DiscoveryState } from '../../../../shared/model/network';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { Logger } from '../../logger';
import type { StatefulService } from '../feature-types';
import type { NetworkService } from '../network-service';

export interface DiscoveryServiceDeps {
  network: NetworkService;
  log: Logger;
}

export type DiscoveryService = StatefulService<PtzHandlers['discovery'], DiscoveryState>;

export function createDiscoveryService(_deps: DiscoveryServiceDeps): DiscoveryService {
  const state: DiscoveryState = {
    scanId: null,
    state: 'idle',
    startedAt: null,
    finishedAt: null,
    methods: [],
    cameras: [],
    error: null,
  };
  return {
    handlers: {
      start: () => {
        throw new IpcError('unsupported', 'discovery: not built yet');
      },
      cancel: () => {},
    },
    subscribe(listener) {
      listener(state);
      return () => {};
    },
    current: () => state,
    close: async () => {},
  };
}
