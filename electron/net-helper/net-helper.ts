/**
 * The privileged net helper (run through pkexec / UAC / an admin prompt, or directly as root): executes one
 * validated verb and prints one JSON object. It imports nothing from the core; see helper-protocol.ts for
 * the verbs, exit codes and output.
 */
import { execFile } from 'node:child_process';
import os from 'node:os';
import { aliasArgv, arpingDadArgv, ipListAllArgv, ipListArgv, nmcliDeviceStatusArgv } from './alias-argv';
import {
  EXIT_OF_ERROR,
  HelperError,
  HelperExit,
  checkChangeAllowed,
  parseHelperArgs,
  type HelperCommand,
  type HelperOutput,
  type ListedAddress,
} from './helper-protocol';
import { isNmManaged, parseAllAddresses, parseArpingMacs, parseIpAddrJson } from './linux-parse';
import { splitResultFile, writeResultFile } from './result-file';

/** Which Debian package provides each command the helper may run. */
const PACKAGE_OF: Record<string, string> = {
  ip: 'iproute2',
  arping: 'iputils-arping',
  nmcli: 'network-manager',
};

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs argv (no shell) and resolves with its exit code and output; ENOENT → missing-tool. */
function run(argv: readonly string[], timeoutMs = 15_000): Promise<Ran> {
  const [file, ...args] = argv;
  return new Promise((resolve, reject) => {
    execFile(file!, args, { timeout: timeoutMs, encoding: 'utf8' }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e && e.code === 'ENOENT') {
        const pkg = PACKAGE_OF[file!];
        reject(new HelperError('missing-tool', `${file} is not installed${pkg ? ` (apt-get install ${pkg})` : ''}`));
        return;
      }
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : 1) : 0, stdout, stderr });
    });
  });
}

async function runOk(argv: readonly string[]): Promise<Ran> {
  const r = await run(argv);
  if (r.code !== 0) {
    throw new HelperError(
      'command-failed',
      `${argv.join(' ')} failed (exit ${r.code}): ${r.stderr.trim() || r.stdout.trim()}`,
    );
  }
  return r;
}

async function listAddresses(iface: string): Promise<ListedAddress[]> {
  if (process.platform === 'linux') return parseIpAddrJson((await runOk(ipListArgv(iface))).stdout, iface);
  const nics = os.networkInterfaces()[iface];
  if (!nics) throw new HelperError('invalid-argument', `no interface named ${iface}`);
  return nics
    .filter((a) => a.family === 'IPv4')
    .map((a, i) => ({
      address: a.address,
      prefix: Number(a.cidr?.split('/')[1] ?? 32),
      primary: i === 0,
      dynamic: false,
    }));
}

async function allPcAddresses(): Promise<string[]> {
  if (process.platform === 'linux') return parseAllAddresses((await runOk(ipListAllArgv())).stdout);
  return Object.values(os.networkInterfaces()).flatMap((l) =>
    (l ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address),
  );
}

async function networkManagerManages(iface: string): Promise<boolean> {
  try {
    const r = await run(nmcliDeviceStatusArgv(), 5_000);
    return r.code === 0 && isNmManaged(r.stdout, iface);
  } catch (e) {
    // No nmcli: nothing manages the interface but the kernel.
    if (e instanceof HelperError && e.code === 'missing-tool') return false;
    throw e;
  }
}

async function execute(cmd: HelperCommand): Promise<HelperOutput> {
  switch (cmd.verb) {
    case 'list':
      return { ok: true, verb: 'list', interface: cmd.iface, addresses: await listAddresses(cmd.iface) };
    case 'probe': {
      if (process.platform !== 'linux') throw new HelperError('unsupported', 'probe (arping -D) is Linux-only');
      await listAddresses(cmd.iface); // the interface must exist
      const r = await run(arpingDadArgv(cmd.iface, cmd.ip));
      // arping -D: exit 0 = no reply (free), 1 = someone answered; anything else is an error.
      if (r.code !== 0 && r.code !== 1) {
        throw new HelperError('command-failed', `arping -D exited ${r.code}: ${r.stderr.trim() || r.stdout.trim()}`);
      }
      return { ok: true, verb: 'probe', interface: cmd.iface, free: r.code === 0, macs: parseArpingMacs(r.stdout) };
    }
    case 'add-alias':
    case 'remove-alias': {
      checkChangeAllowed(cmd, await listAddresses(cmd.iface), await allPcAddresses());
      const nm = process.platform === 'linux' && (await networkManagerManages(cmd.iface));
      const argv = aliasArgv(
        process.platform,
        { op: cmd.verb === 'add-alias' ? 'add' : 'remove', iface: cmd.iface, ip: cmd.ip, prefix: cmd.prefix },
        nm,
      );
      await runOk(argv);
      const addresses = await listAddresses(cmd.iface);
      const present = addresses.some((a) => a.address === cmd.ip);
      if (present !== (cmd.verb === 'add-alias')) {
        throw new HelperError(
          'command-failed',
          `${argv.join(' ')} succeeded but ${cmd.ip} is ${present ? 'still' : 'not'} on ${cmd.iface}`,
        );
      }
      return { ok: true, verb: cmd.verb, interface: cmd.iface, detail: argv.join(' '), addresses };
    }
  }
}

/** Runs one command line; returns the exit code after printing the JSON result. */
export async function main(argv: readonly string[], print: (line: string) => void): Promise<number> {
  try {
    const out = await execute(parseHelperArgs(argv));
    print(JSON.stringify(out));
    return HelperExit.ok;
  } catch (e) {
    const he = e instanceof HelperError ? e : new HelperError('internal', e instanceof Error ? e.message : String(e));
    print(JSON.stringify({ ok: false, error: he.code, message: he.message } satisfies HelperOutput));
    return EXIT_OF_ERROR[he.code];
  }
}

/**
 * The helper's command line as the OS hands it over: an optional leading `--result-file <path>` (see
 * result-file.ts), then one verb. Prints the JSON line as `main` does and, when asked, also leaves it with
 * the exit code in the result file. Returns the exit code.
 */
export async function runHelperCli(argv: readonly string[], print: (line: string) => void): Promise<number> {
  let split: ReturnType<typeof splitResultFile>;
  try {
    split = splitResultFile(argv);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    print(JSON.stringify({ ok: false, error: 'invalid-argument', message } satisfies HelperOutput));
    return EXIT_OF_ERROR['invalid-argument'];
  }
  let line = '';
  const code = await main(split.rest, (l) => {
    line = l;
    if (!split.resultFile) return print(l);
    try {
      print(l);
    } catch {
      // No usable stdout (an elevated GUI process): the result file still carries the answer.
    }
  });
  if (split.resultFile) {
    try {
      writeResultFile(split.resultFile, { exitCode: code, output: JSON.parse(line) as unknown });
    } catch (e) {
      // The caller then reports "no result"; say why on stderr for whoever reads the console.
      process.stderr.write(`net-helper: cannot write ${split.resultFile}: ${(e as Error).message}\n`);
      return EXIT_OF_ERROR.internal;
    }
  }
  return code;
}
