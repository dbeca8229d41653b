import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeviceConfig } from '../../../shared/model/device';
import type { StopReason, Velocity } from '../../../shared/model/motion';
import { silentLogger } from '../logger';
import { systemClock } from './clock';
import { PtzDevice } from './ptz-device';

class FakeDevice extends PtzDevice {
  velocities: Velocity[] = [];
  stops: StopReason[] = [];
  protected async open() {
    this.setStatus('online', null);
  }
  protected async close() {}
  protected applyVelocity(v: Readonly<Velocity>) {
    this.velocities.push({ ...v });
  }
  protected async applyStop(reason: StopReason) {
    this.stops.push(reason);
  }
  goOffline() {
    this.setStatus('offline', 'cable pulled');
  }
}

const config: DeviceConfig = {
  id: 'cam-1',
  name: 'Cam 1',
  protocol: 'visca-ip',
  host: '127.0.0.1',
  port: 52381,
  enabled: true,
};

describe('PtzDevice', () => {
  let device: FakeDevice;
  beforeEach(async () => {
    vi.useFakeTimers();
    device = new FakeDevice(config, { clock: systemClock, log: silentLogger });
    await device.start();
  });
  afterEach(() => vi.useRealTimers());

  it('clamps speeds, keeps unspecified axes and drops unchanged updates', () => {
    device.setVelocity({ pan: 3, tilt: -0.5 });
    device.setVelocity({ pan: 1 }); // unchanged after clamping
    device.setVelocity({ zoom: 0.25 });
    expect(device.velocities).toEqual([
      { pan: 1, tilt: -0.5, zoom: 0, focus: 0 },
      { pan: 1, tilt: -0.5, zoom: 0.25, focus: 0 },
    ]);
    expect(device.moving).toBe(true);
  });

  it('turns an all-zero velocity into a stop', () => {
    device.setVelocity({ pan: 0.5 });
    device.setVelocity({ pan: 0 });
    expect(device.stops).toEqual(['operator']);
    expect(device.moving).toBe(false);
  });

  it('dead-man: stops a moving device 500 ms after the last heartbeat, not before', () => {
    device.setVelocity({ pan: 0.5 }, 'client-a');
    vi.advanceTimersByTime(400);
    device.heartbeat('client-a');
    vi.advanceTimersByTime(499);
    expect(device.stops).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(device.stops).toEqual(['watchdog']);
    expect(device.snapshot().lastStop?.reason).toBe('watchdog');
  });

  it('knows which client drove it until it stops', async () => {
    device.setVelocity({ tilt: 0.2 }, 'client-a');
    expect(device.isDrivenBy('client-a')).toBe(true);
    expect(device.isDrivenBy('client-b')).toBe(false);
    await device.stop('client-gone');
    expect(device.isDrivenBy('client-a')).toBe(false);
  });

  it('refuses motion while not online, with a clear error', () => {
    device.goOffline();
    expect(() => device.setVelocity({ pan: 1 })).toThrow(/offline.*refused/);
  });

  it('forgets a held velocity when the link drops, so nothing replays on reconnect', () => {
    device.setVelocity({ pan: 1 }, 'client-a');
    device.goOffline();
    expect(device.moving).toBe(false);
    vi.advanceTimersByTime(1000);
    expect(device.stops).toEqual([]); // the watchdog was disarmed with the link
  });

  it('stops before closing on destroy', async () => {
    device.setVelocity({ pan: 1 });
    await device.destroy();
    expect(device.stops).toEqual(['shutdown']);
  });
});
