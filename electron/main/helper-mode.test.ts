import { describe, expect, it } from 'vitest';
import { HELPER_FLAG, helperModeArgs, selfHelperCommand } from './helper-mode';

describe('helper mode of the app executable', () => {
  it('takes everything after the flag as the helper command line', () => {
    expect(
      helperModeArgs([
        'C:\\PTZ Console.exe',
        HELPER_FLAG,
        '--result-file',
        'C:\\t\\ptz-helper-1.json',
        'list',
        'Ethernet 2',
      ]),
    ).toEqual(['--result-file', 'C:\\t\\ptz-helper-1.json', 'list', 'Ethernet 2']);
    expect(helperModeArgs(['/usr/bin/electron', '.', '--kiosk'])).toBeNull();
  });

  it('starts the packaged executable, or Electron with the app folder when unpackaged', () => {
    expect(selfHelperCommand('/A/PTZ Console', true, '/A/app.asar')).toEqual(['/A/PTZ Console', HELPER_FLAG]);
    expect(selfHelperCommand('/n/electron', false, '/src/ptz')).toEqual(['/n/electron', '/src/ptz', HELPER_FLAG]);
  });
});
