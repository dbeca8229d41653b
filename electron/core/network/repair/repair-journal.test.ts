import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RepairSession } from '../../../../shared/model/repair';
import type { Logger } from '../../logger';
import { HelperClientError, type NetHelper } from './helper-client';
import { RepairHistory } from './repair-history';
import { RepairJournal, recoverJournal, type JournalEntry } from './repair-journal';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const session: RepairSession = {
  id: 's1',
  startedAt: 1,
  target: { ip: '203.0.113.68', mac: '02:00:5e:00:53:01', interface: 'eth0', deviceId: null, model: null },
  diagnosis: [],
  plan: {
    interface: 'eth0',
    alias: { address: '203.0.113.250', prefix: 24 },
    target: { address: '198.51.100.68', prefix: 24, gateway: null },
    method: 'ip-setup',
  },
  state: { step: 'alias' },
  log: [],
};
const entry: JournalEntry = {
  version: 1,
  sessionId: 's1',
  iface: 'eth0',
  alias: { address: '203.0.113.250', prefix: 24 },
  addedAt: 2,
  state: 'added',
  session,
};

function fakeHelper(addresses: string[], failRemove = false): NetHelper & { removed: string[] } {
  const removed: string[] = [];
  return {
    removed,
    async addAlias() {
      throw new Error('not used');
    },
    async removeAlias(_i, ip) {
      if (failRemove) throw new HelperClientError('dismissed', 'You dismissed the administrator prompt');
      removed.push(ip);
      addresses.splice(addresses.indexOf(ip), 1);
      return { detail: `ip addr del ${ip}/24 dev eth0` };
    },
    async list() {
      return addresses.map((address, i) => ({ address, prefix: 24, primary: i === 0, dynamic: false }));
    },
    async probe() {
      return { free: true, macs: [] };
    },
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ptz-journal-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('repair journal', () => {
  it('round-trips an entry and clears it', async () => {
    const j = new RepairJournal(dir);
    expect(await j.read()).toBeNull();
    await j.write(entry);
    expect(await j.read()).toEqual(entry);
    await j.clear();
    expect(await j.read()).toBeNull();
  });

  it('reports a corrupt file instead of ignoring it', async () => {
    await writeFile(path.join(dir, 'repair-journal.json'), '{"version":1');
    await expect(new RepairJournal(dir).read()).rejects.toThrow(/is not valid JSON/);
  });

  it('recovery removes an alias still on the PC, verifies, and clears the journal', async () => {
    const j = new RepairJournal(dir);
    await j.write(entry);
    const addresses = ['198.51.100.10', '203.0.113.250'];
    const helper = fakeHelper(addresses);
    const r = await recoverJournal(j, helper, silent);
    expect(r).toMatchObject({ removed: true, rolledBack: true });
    expect(helper.removed).toEqual(['203.0.113.250']);
    expect(addresses).toEqual(['198.51.100.10']);
    expect(await j.read()).toBeNull();
  });

  it('recovery of an alias that is already gone only clears the journal', async () => {
    const j = new RepairJournal(dir);
    await j.write({ ...entry, state: 'adding' });
    const helper = fakeHelper(['198.51.100.10']);
    expect(await recoverJournal(j, helper, silent)).toMatchObject({ removed: false, rolledBack: true });
    expect(helper.removed).toEqual([]);
    expect(await j.read()).toBeNull();
  });

  it('a recovery that cannot remove the alias keeps the journal for the next start', async () => {
    const j = new RepairJournal(dir);
    await j.write(entry);
    const r = await recoverJournal(j, fakeHelper(['198.51.100.10', '203.0.113.250'], true), silent);
    expect(r).toMatchObject({ rolledBack: false });
    expect(r!.log.at(-1)).toMatch(/could not remove it: You dismissed the administrator prompt/);
    expect(await j.read()).toEqual(entry);
  });

  it('nothing to recover without a journal', async () => {
    expect(await recoverJournal(new RepairJournal(dir), fakeHelper([]), silent)).toBeNull();
  });
});

describe('repair history', () => {
  it('keeps records newest first across concurrent appends', async () => {
    const h = new RepairHistory(dir);
    const rec = (id: string) => ({
      id,
      at: 1,
      finishedAt: 2,
      user: 'op',
      host: 'pc',
      target: session.target,
      before: { ip: '203.0.113.68', prefix: null, gateway: null },
      after: null,
      outcome: 'failed' as const,
      method: null,
      pcChanges: [],
      log: [],
    });
    await Promise.all([h.append(rec('a')), h.append(rec('b'))]);
    expect((await h.list()).map((r) => r.id)).toEqual(['b', 'a']);
    expect(JSON.parse(await readFile(path.join(dir, 'repairs.json'), 'utf8'))).toHaveLength(2);
  });
});
