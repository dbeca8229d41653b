import { describe, expect, it } from 'vitest';
import { HelperClientError, createHelperClient, defaultHelperCommand, type ExecArgv } from './helper-client';

function fakeExec(code: number, stdout = '', stderr = ''): { exec: ExecArgv; calls: string[][] } {
  const calls: string[][] = [];
  return {
    calls,
    exec: async (argv) => {
      calls.push([...argv]);
      return { code, stdout, stderr };
    },
  };
}

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HelperClientError) return `${e.reason}: ${e.message}`;
    throw e;
  }
  return 'resolved';
}

describe('helper client', () => {
  it('runs the command prefix plus the verb and its arguments as one argv', async () => {
    const f = fakeExec(
      0,
      JSON.stringify({
        ok: true,
        verb: 'add-alias',
        interface: 'eth0',
        detail: 'ip addr add 203.0.113.250/24 dev eth0',
      }),
    );
    const h = createHelperClient(['sudo', '-n', '/usr/libexec/ptz-console/net-helper'], f.exec);
    await expect(h.addAlias('eth0', '203.0.113.250', 24)).resolves.toEqual({
      detail: 'ip addr add 203.0.113.250/24 dev eth0',
    });
    expect(f.calls).toEqual([
      ['sudo', '-n', '/usr/libexec/ptz-console/net-helper', 'add-alias', 'eth0', '203.0.113.250/24'],
    ]);
  });

  it('parses list and probe answers', async () => {
    const list = createHelperClient(
      ['h'],
      fakeExec(
        0,
        JSON.stringify({
          ok: true,
          verb: 'list',
          interface: 'eth0',
          addresses: [{ address: '198.51.100.10', prefix: 24, primary: true, dynamic: false }],
        }),
      ).exec,
    );
    expect(await list.list('eth0')).toEqual([{ address: '198.51.100.10', prefix: 24, primary: true, dynamic: false }]);
    const probe = createHelperClient(
      ['h'],
      fakeExec(
        0,
        JSON.stringify({ ok: true, verb: 'probe', interface: 'eth0', free: false, macs: ['02:00:5e:00:53:01'] }),
      ).exec,
    );
    expect(await probe.probe('eth0', '198.51.100.50')).toEqual({ free: false, macs: ['02:00:5e:00:53:01'] });
  });

  it('maps pkexec 126 to "you dismissed the administrator prompt" and 127 to "not authorised"', async () => {
    // An existing program stands in for the installed helper.
    const dismissed = createHelperClient(['pkexec', process.execPath], fakeExec(126).exec);
    expect(await reasonOf(dismissed.addAlias('eth0', '203.0.113.250', 24))).toMatch(
      /^dismissed: You dismissed the administrator prompt/,
    );
    const denied = createHelperClient(
      ['pkexec', process.execPath],
      fakeExec(127, '', 'Error executing command as another user: Not authorized').exec,
    );
    expect(await reasonOf(denied.addAlias('eth0', '203.0.113.250', 24))).toMatch(/^not-authorised: Not authorised/);
  });

  it('says the helper is not installed, without prompting, when pkexec would run a missing program', async () => {
    const f = fakeExec(127);
    const client = createHelperClient(['pkexec', '/nonexistent/ptz-console/net-helper'], f.exec);
    expect(await reasonOf(client.addAlias('eth0', '203.0.113.250', 24))).toMatch(
      /^missing: The network helper is not installed \(\/nonexistent\/ptz-console\/net-helper is missing\)/,
    );
    expect(f.calls).toEqual([]);
  });

  it('turns the helper JSON errors into clear messages', async () => {
    const refused = createHelperClient(
      ['h'],
      fakeExec(
        3,
        JSON.stringify({
          ok: false,
          error: 'refused',
          message: '198.51.100.10 is the primary address of eth0; the helper never removes it',
        }),
      ).exec,
    );
    expect(await reasonOf(refused.removeAlias('eth0', '198.51.100.10', 24))).toBe(
      'refused: The network helper refused: 198.51.100.10 is the primary address of eth0; the helper never removes it',
    );
    const missing = createHelperClient(
      ['h'],
      fakeExec(
        5,
        JSON.stringify({
          ok: false,
          error: 'missing-tool',
          message: 'arping is not installed (apt-get install iputils-arping)',
        }),
      ).exec,
    );
    expect(await reasonOf(missing.probe('eth0', '198.51.100.7'))).toMatch(/^missing: .*apt-get install iputils-arping/);
    const garbage = createHelperClient(['h'], fakeExec(1, '', 'Segmentation fault').exec);
    expect(await reasonOf(garbage.list('eth0'))).toBe('failed: The network helper exited 1: Segmentation fault');
    const noJson = createHelperClient(['h'], fakeExec(0, 'hello').exec);
    expect(await reasonOf(noJson.list('eth0'))).toMatch(/^failed: The network helper printed no valid result: hello/);
  });

  it('validates values before anything runs', async () => {
    const f = fakeExec(0, '{}');
    const h = createHelperClient(['h'], f.exec);
    await expect(h.addAlias('eth0', '203.0.113.999', 24)).rejects.toThrow(/IPv4/);
    await expect(h.addAlias('eth0;reboot', '203.0.113.9', 24)).rejects.toThrow(/interface name/);
    expect(f.calls).toEqual([]);
  });

  it('defaults to pkexec and the installed helper when not root, to this Node and the bundle as root', () => {
    expect(defaultHelperCommand(false)).toEqual(['pkexec', '/usr/libexec/ptz-console/net-helper']);
    const root = defaultHelperCommand(true);
    expect(root[0] === process.execPath || root[0] === '/usr/libexec/ptz-console/net-helper').toBe(true);
  });
});
