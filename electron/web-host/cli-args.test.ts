import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseCliArgs } from './cli-args';

const HOME = '/home/op';

describe('defaultDataDir', () => {
  it('prefers PTZ_DATA_DIR, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(defaultDataDir({ PTZ_DATA_DIR: '/srv/ptz', XDG_CONFIG_HOME: '/x' }, HOME)).toBe('/srv/ptz');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, HOME)).toBe('/x/ptz-console');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, HOME)).toBe('/home/op/.config/ptz-console');
    expect(defaultDataDir({}, HOME)).toBe('/home/op/.config/ptz-console');
  });
});

describe('parseCliArgs', () => {
  it('defaults: any free port, demo on, the default data dir', () => {
    expect(parseCliArgs([], {}, HOME)).toEqual({
      port: 0,
      demo: true,
      dataDir: '/home/op/.config/ptz-console',
      ignored: [],
    });
  });

  it('reads --port, --no-demo and --data-dir (also as --flag=value)', () => {
    expect(parseCliArgs(['--port', '8080', '--no-demo', '--data-dir', 'rel/dir'], {}, HOME)).toEqual({
      port: 8080,
      demo: false,
      dataDir: path.resolve('rel/dir'),
      ignored: [],
    });
    expect(parseCliArgs(['--port=0', '--data-dir=/d'], {}, HOME)).toMatchObject({ port: 0, dataDir: '/d' });
  });

  it('honours PTZ_DEMO=0 like the Electron shell', () => {
    expect(parseCliArgs([], { PTZ_DEMO: '0' }, HOME).demo).toBe(false);
  });

  it.each([['--port'], ['--port', 'http'], ['--port', '70000'], ['--port', '-1'], ['--port', '1e3'], ['--data-dir']])(
    'refuses %j with a one-line message',
    (...argv) => {
      expect(() => parseCliArgs(argv, {}, HOME)).toThrow(/--port|--data-dir/);
    },
  );

  it('collects arguments it does not use (Electron flags passed through by npm start)', () => {
    expect(parseCliArgs(['--kiosk', 'extra'], {}, HOME).ignored).toEqual(['--kiosk', 'extra']);
  });
});
