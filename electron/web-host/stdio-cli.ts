/**
 * `node out/node/core-stdio.mjs --data-dir DIR [--net-helper '<json argv array>']`: the real core driven
 * over stdin/stdout JSON lines, so tests can run it inside a network namespace (the lab's PC).
 *
 *   in:  {"id":1,"service":"app","method":"info","args":null}
 *   out: {"ready":true} first; {"id":1,"result":…} or {"id":1,"error":{"code","message"}};
 *        {"event":"networkChanged","payload":…} for every contract event.
 * Logs go to stderr. Ends cleanly (every camera stopped) on stdin end, SIGTERM or SIGINT.
 */
import readline from 'node:readline';
import { z } from 'zod';
import type { CallerContext } from '../../shared/ipc/contract-types';
import type { PtzEventName } from '../../shared/ipc/contract';
import { PTZ_MANIFEST } from '../../shared/ipc/channels';
import { IpcError } from '../../shared/ipc/ipc-error';
import { createCore } from '../core/core';
import type { Logger } from '../core/logger';

const CTX: CallerContext = { clientId: 'stdio', bridge: 'web' };

const Request = z.object({
  id: z.union([z.number(), z.string()]),
  service: z.string().min(1).max(64),
  method: z.string().min(1).max(64),
  args: z.unknown().optional(),
});

function parseArgs(argv: readonly string[]): { dataDir: string; netHelperCommand?: string[] } {
  let dataDir: string | undefined;
  let netHelperCommand: string[] | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--data-dir') dataDir = argv[++i];
    else if (a === '--net-helper') {
      const parsed = z
        .array(z.string().min(1))
        .min(1)
        .safeParse(JSON.parse(argv[++i] ?? 'null'));
      if (!parsed.success) throw new Error('--net-helper takes a JSON array of strings, e.g. ["node","helper.mjs"]');
      netHelperCommand = parsed.data;
    } else throw new Error(`unknown argument ${a}`);
  }
  if (!dataDir) throw new Error('usage: core-stdio --data-dir DIR [--net-helper <json argv array>]');
  return { dataDir, ...(netHelperCommand ? { netHelperCommand } : {}) };
}

/** A logger on stderr only: stdout carries the protocol. */
function stderrLogger(): Logger {
  const out =
    (level: string) =>
    (m: string, ...d: unknown[]): void => {
      const extra = d.map((x) => (x instanceof Error ? (x.stack ?? x.message) : JSON.stringify(x))).join(' ');
      process.stderr.write(`[core-stdio] ${level} ${m}${extra ? ` ${extra}` : ''}\n`);
    };
  return { debug: () => {}, info: out('INFO'), warn: out('WARN'), error: out('ERROR') };
}

const write = (o: unknown): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const log = stderrLogger();
  const core = await createCore({
    dataDir: opts.dataDir,
    demo: false,
    log,
    ...(opts.netHelperCommand ? { netHelperCommand: opts.netHelperCommand } : {}),
  });
  const unsubscribes = PTZ_MANIFEST.events.map((e) =>
    core.subscribe(e.event as PtzEventName, (payload) => write({ event: e.event, payload })),
  );
  let closing: Promise<void> | null = null;
  const close = (code: number): Promise<void> =>
    (closing ??= (async () => {
      for (const u of unsubscribes) u();
      core.releaseClient(CTX, 'client-gone');
      await core.shutdown();
      process.stdout.write('', () => process.exit(code));
    })());

  const rl = readline.createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    let req: z.infer<typeof Request>;
    try {
      req = Request.parse(JSON.parse(line));
    } catch (e) {
      write({ id: null, error: { code: 'invalid-payload', message: `bad request line: ${(e as Error).message}` } });
      return;
    }
    const kind = core.dispatcher.kindOf(req.service, req.method);
    const run =
      kind === 'send'
        ? Promise.resolve().then(() => core.dispatcher.send(CTX, req.service, req.method, req.args ?? undefined))
        : core.dispatcher.invoke(CTX, req.service, req.method, req.args ?? undefined);
    run.then(
      (result) => write({ id: req.id, result: result ?? null }),
      (e: unknown) =>
        write({
          id: req.id,
          error:
            e instanceof IpcError
              ? { code: e.code, message: e.message }
              : { code: 'internal', message: e instanceof Error ? e.message : String(e) },
        }),
    );
  });
  rl.on('close', () => void close(0));
  process.on('SIGTERM', () => void close(0));
  process.on('SIGINT', () => void close(0));
  write({ ready: true });
}

main().catch((e: unknown) => {
  process.stderr.write(`core-stdio: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
