/** Every finished repair, newest first, in `repairs.json` in the data directory: who, what, before, after. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { RepairRecord, type RepairSession } from '../../../../shared/model/repair';

export const HISTORY_FILE = 'repairs.json';
/** Oldest records beyond this many are dropped. */
export const HISTORY_MAX = 500;

/** Who is repairing: the OS account and the machine. */
export function currentOperator(): { user: string; host: string } {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // No passwd entry for the uid (containers): keep 'unknown'.
  }
  return { user, host: os.hostname() };
}

/** The history record of a session that ended: who, what, the camera's address before and after. */
export function recordOf(
  s: RepairSession,
  o: {
    outcome: RepairRecord['outcome'];
    operator: { user: string; host: string };
    finishedAt: number;
    before: { prefix: number | null; gateway: string | null };
    pcChanges: readonly string[];
  },
): RepairRecord {
  const plan = s.plan;
  return {
    id: s.id,
    at: s.startedAt,
    finishedAt: o.finishedAt,
    ...o.operator,
    target: s.target,
    before: { ip: s.target.ip, ...o.before },
    after:
      o.outcome === 'done' && plan
        ? { ip: plan.target.address, prefix: plan.target.prefix, gateway: plan.target.gateway }
        : null,
    outcome: o.outcome,
    method: plan?.method ?? null,
    pcChanges: [...o.pcChanges],
    log: s.log,
  };
}

/** The history file; appends are serialised so concurrent finishes cannot lose a record. */
export class RepairHistory {
  readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, HISTORY_FILE);
  }

  /** Every record, newest first. A missing file is an empty history; a corrupt one is reported. */
  async list(): Promise<RepairRecord[]> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    const r = z.array(RepairRecord).safeParse(JSON.parse(text));
    if (!r.success) throw new Error(`${this.file} is not a repair history: ${r.error.issues[0]?.message ?? ''}`);
    return r.data;
  }

  /** Adds `record` at the front and writes the file atomically. */
  append(record: RepairRecord): Promise<void> {
    const next = this.queue.then(async () => {
      const all = [RepairRecord.parse(record), ...(await this.list())].slice(0, HISTORY_MAX);
      await fs.mkdir(this.dataDir, { recursive: true });
      const tmp = `${this.file}.tmp`;
      const fh = await fs.open(tmp, 'w', 0o600);
      try {
        await fh.writeFile(`${JSON.stringify(all, null, 2)}\n`);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.rename(tmp, this.file);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}
