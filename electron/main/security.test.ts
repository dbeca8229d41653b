import { EventEmitter } from 'node:events';
import type { App, Session } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, guardWebContents, setupSecurity } from './security';
import { FakeWebContents, spyLogger } from './test/electron-fakes';

vi.mock('electron', () => ({}));

function fakeSession() {
  const s = Object.assign(new EventEmitter(), {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  });
  return s;
}

function setup() {
  const session = fakeSession();
  const app = new EventEmitter();
  const log = spyLogger();
  setupSecurity(app as unknown as App, session as unknown as Session, log);
  return { session, app, log };
}

/** A will-navigate style event: Electron 45 passes the details (url + preventDefault) first. */
const navEvent = (url: string) => ({ url, preventDefault: vi.fn() });

describe('CONTENT_SECURITY_POLICY', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('denies by default and allows only the app’s own code', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('has no unsafe-inline, unsafe-eval or wildcard', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*/);
  });
});

describe('setupSecurity', () => {
  it('denies every permission request and check, and every device permission', () => {
    const { session, log } = setup();
    const request = session.setPermissionRequestHandler.mock.calls[0]?.[0] as (...a: unknown[]) => void;
    for (const permission of ['media', 'geolocation', 'notifications', 'serial', 'hid', 'openExternal']) {
      const callback = vi.fn();
      request({}, permission, callback, { requestingUrl: 'app://ptz/index.html' });
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(log.warn).toHaveBeenCalledWith(expect.stringMatching(/permission request denied: media/));
    const check = session.setPermissionCheckHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    expect(check({}, 'media', 'app://ptz', {})).toBe(false);
    expect(check(null, 'serial', 'app://ptz', {})).toBe(false);
    const device = session.setDevicePermissionHandler.mock.calls[0]?.[0] as (...a: unknown[]) => boolean;
    expect(device({ deviceType: 'serial', origin: 'app://ptz' })).toBe(false);
  });

  it('cancels the serial, HID and USB pickers', () => {
    const { session } = setup();
    const serial = { preventDefault: vi.fn() };
    const serialCb = vi.fn();
    session.emit('select-serial-port', serial, [{ portId: '1' }], {}, serialCb);
    expect(serial.preventDefault).toHaveBeenCalled();
    expect(serialCb).toHaveBeenCalledWith('');
    for (const name of ['select-hid-device', 'select-usb-device']) {
      const event = { preventDefault: vi.fn() };
      const cb = vi.fn();
      session.emit(name, event, { deviceList: [{ deviceId: 'd1' }] }, cb);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(cb).toHaveBeenCalledWith();
    }
  });

  it('guards every webContents created afterwards', () => {
    const { app } = setup();
    const contents = new FakeWebContents(1);
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    const e = navEvent('https://evil.example/');
    contents.emit('will-navigate', e);
    expect(e.preventDefault).toHaveBeenCalled();
  });
});

describe('guardWebContents', () => {
  const guarded = () => {
    const contents = new FakeWebContents(1);
    guardWebContents(contents.asWebContents(), spyLogger());
    return contents;
  };

  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])(
    '%s: allows app://ptz, blocks everything else',
    (name) => {
      const contents = guarded();
      const ok = navEvent('app://ptz/index.html#/devices');
      contents.emit(name, ok);
      expect(ok.preventDefault).not.toHaveBeenCalled();
      for (const url of [
        'https://evil.example/',
        'app://evil/index.html',
        'app://ptz.evil.example/',
        'app://ptz@evil.example/',
        'file:///etc/passwd',
        'http://127.0.0.1:1/',
        'javascript:alert(1)',
        'not a url',
      ]) {
        const blocked = navEvent(url);
        contents.emit(name, blocked);
        expect(blocked.preventDefault, url).toHaveBeenCalled();
      }
    },
  );

  it('denies every new window, whatever the URL', () => {
    const contents = guarded();
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as (d: { url: string }) => unknown;
    expect(handler({ url: 'app://ptz/index.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('refuses <webview> and cancels the Bluetooth picker', () => {
    const contents = guarded();
    const attach = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', attach, {}, {});
    expect(attach.preventDefault).toHaveBeenCalled();
    const bt = { preventDefault: vi.fn() };
    const cb = vi.fn();
    contents.emit('select-bluetooth-device', bt, [{ deviceId: 'x' }], cb);
    expect(bt.preventDefault).toHaveBeenCalled();
    expect(cb).toHaveBeenCalledWith('');
  });
});
