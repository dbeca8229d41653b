import { describe, expect, it } from 'vitest';
import { HelperOutput } from '../../shared/model/net-helper';
import { main } from './net-helper';

async function runMain(argv: string[]): Promise<{ code: number; out: HelperOutput }> {
  const lines: string[] = [];
  const code = await main(argv, (l) => lines.push(l));
  expect(lines).toHaveLength(1);
  return { code, out: HelperOutput.parse(JSON.parse(lines[0]!)) };
}

describe('net-helper main', () => {
  it('prints one JSON error and exits 2 for a bad command line', async () => {
    const r = await runMain(['add-alias', 'lo', 'not-an-ip/24']);
    expect(r.code).toBe(2);
    expect(r.out).toMatchObject({ ok: false, error: 'invalid-argument' });
  });

  it('lists loopback with its first address primary, and refuses to remove it (exit 3)', async () => {
    const list = await runMain(['list', 'lo']);
    expect(list.code).toBe(0);
    expect(list.out).toMatchObject({
      ok: true,
      verb: 'list',
      addresses: [{ address: '127.0.0.1', prefix: 8, primary: true }],
    });
    const rm = await runMain(['remove-alias', 'lo', '127.0.0.1/8']);
    expect(rm.code).toBe(3);
    expect(rm.out).toMatchObject({ ok: false, error: 'refused' });
  });

  it('refuses to add an address the PC already has (exit 3), before running any command', async () => {
    const r = await runMain(['add-alias', 'lo', '127.0.0.1/8']);
    expect(r.code).toBe(3);
    expect(r.out).toMatchObject({ ok: false, error: 'refused' });
  });
});
