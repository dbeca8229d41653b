/**
 * The repair journal: one JSON file in the data directory, written and fsynced BEFORE each change to the
 * PC, so a repair interrupted by a crash or kill is rolled back at the next start (`recoverJournal`).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { InterfaceName, Ipv4, PrefixLength } from '../../../../shared/model/network';
import { RepairSession } from '../../../../shared/model/repair';
import type { Logger } from '../../logger';
import type { NetHelper } from './helper-client';

export const JOURNAL_FILE = 'repair-journal.json';

/** What the journal holds while a repair has (or is about to have) changed the PC. */
export const JournalEntry = z.object({
  version: z.literal(1),
  sessionId: z.string(),
  iface: InterfaceName,
  alias: z.object({ address: Ipv4, prefix: PrefixLength }),
  addedAt: z.number(),
  /** `adding`: written before add-alias (it may or may not be on the PC); `added`: confirmed present. */
  state: z.enum(['adding', 'added', 'removing']),
  /** The session as it was when the entry was written, for the history record after a recovery. */
  session: RepairSession,
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/** Reads and writes the journal file durably (temp file + fsync + rename + directory fsync). */
export class RepairJournal {
  readonly file: string;
  constructor(readonly dataDir: string) {
    this.file = path.join(dataDir, JOURNAL_FILE);
  }

  /** The entry, or null when there is none. A corrupt file is reported, not silently ignored. */
  async read(): Promise<JournalEntry | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error(`${this.file} is not valid JSON; move it away after checking the PC's addresses by hand`);
    }
    const r = JournalEntry.safeParse(json);
    if (!r.success) throw new Error(`${this.file} is not a repair journal: ${r.error.issues[0]?.message ?? ''}`);
    return r.data;
  }

  /** Writes `entry` and returns only once it is on disk. */
  async write(entry: JournalEntry): Promise<void> {
    await fs.mkdir(this.dataDir, { recursive: true });
    const tmp = `${this.file}.tmp`;
    const fh = await fs.open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(`${JSON.stringify(JournalEntry.parse(entry), null, 2)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.rename(tmp, this.file);
    await syncDir(this.dataDir);
  }

  /** Removes the journal (after the alias is gone). */
  async clear(): Promise<void> {
    await fs.rm(this.file, { force: true });
    await syncDir(this.dataDir);
  }
}

async function syncDir(dir: string): Promise<void> {
  // A rename or unlink is durable only once the directory is synced; some filesystems refuse, harmlessly.
  try {
    const fh = await fs.open(dir, 'r');
    try {
      await fh.sync();
    } finally {
      await fh.close();
    }
  } catch {
    /* best effort */
  }
}

/** What a recovery did. */
export interface RecoveryResult {
  entry: JournalEntry;
  /** The alias was still on the PC and has been removed. */
  removed: boolean;
  /** Everything is as before the repair (false: the alias could not be removed; the journal is kept). */
  rolledBack: boolean;
  log: string[];
}

/**
 * Rolls back a repair a previous run left half-done: removes the journal's alias if it is still on the
 * interface (via the helper), verifies it is gone, then clears the journal. Null when there was nothing.
 */
export async function recoverJournal(
  journal: RepairJournal,
  helper: NetHelper,
  log: Logger,
): Promise<RecoveryResult | null> {
  const entry = await journal.read();
  if (!entry) return null;
  const { iface, alias } = entry;
  const lines: string[] = [
    `found an interrupted repair (${entry.sessionId}): alias ${alias.address}/${alias.prefix} on ${iface}`,
  ];
  log.warn(lines[0]!);
  try {
    const present = (await helper.list(iface)).some((a) => a.address === alias.address);
    let removed = false;
    if (present) {
      const r = await helper.removeAlias(iface, alias.address, alias.prefix);
      lines.push(`removed it: ${r.detail}`);
      removed = true;
    } else {
      lines.push('it is no longer on the PC');
    }
    if ((await helper.list(iface)).some((a) => a.address === alias.address)) {
      throw new Error(`${alias.address} is still on ${iface} after removing it`);
    }
    await journal.clear();
    lines.push('the PC is as it was before the repair');
    log.info(`repair journal recovered: ${lines.slice(1).join('; ')}`);
    return { entry, removed, rolledBack: true, log: lines };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    lines.push(`could not remove it: ${msg}; the journal is kept and the next start tries again`);
    log.error(`repair journal recovery failed: ${msg}`);
    return { entry, removed: false, rolledBack: false, log: lines };
  }
}
