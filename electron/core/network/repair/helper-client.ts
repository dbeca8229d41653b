/**
 * The core's side of the privileged net helper: runs `helperCommand` + verb arguments with execFile (no
 * shell), parses its JSON, and turns pkexec's and the helper's failures into sentences an operator can act on.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HelperOutput, type ListedAddress } from '../../../../shared/model/net-helper';
import { InterfaceName, Ipv4, PrefixLength } from '../../../../shared/model/network';

/** Where the .deb installs the helper (and the polkit action's exec.path). */
export const INSTALLED_HELPER = '/usr/libexec/ptz-console/net-helper';

/** The helper operations the repair uses. Every method rejects with a HelperClientError on failure. */
export interface NetHelper {
  addAlias(iface: string, ip: string, prefix: number): Promise<{ detail: string }>;
  removeAlias(iface: string, ip: string, prefix: number): Promise<{ detail: string }>;
  list(iface: string): Promise<ListedAddress[]>;
  probe(iface: string, ip: string): Promise<{ free: boolean; macs: string[] }>;
}

/** Why the helper did not do what it was asked. */
export class HelperClientError extends Error {
  constructor(
    readonly reason: 'dismissed' | 'not-authorised' | 'refused' | 'invalid' | 'missing' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'HelperClientError';
  }
}

/** Runs argv; resolves with exit code and output (spawn failures reject). Injected in tests. */
export type ExecArgv = (argv: readonly string[]) => Promise<{ code: number; stdout: string; stderr: string }>;

/** execFile without a shell; a non-zero exit resolves (the caller maps it), ENOENT rejects. */
export const execArgv: ExecArgv = (argv) =>
  new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    // pkexec waits for the operator at the password prompt: allow minutes, not seconds.
    execFile(file!, args, { timeout: 180_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      const e = error as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e && typeof e.code === 'string') {
        reject(
          new HelperClientError(
            'missing',
            e.code === 'ENOENT'
              ? `cannot run ${file}: not found${file === 'pkexec' ? ' (apt-get install pkexec, or policykit-1 on older Ubuntu)' : ''}`
              : `cannot run ${file}: ${e.message}`,
          ),
        );
        return;
      }
      resolve({ code: e ? Number(e.code ?? 1) : 0, stdout, stderr });
    });
  });

/** The bundled helper next to the running core bundle (out/node/net-helper.mjs), if found; else null. */
export function bundledHelperPath(): string | null {
  let here: string;
  try {
    here = path.dirname(fileURLToPath(import.meta.url));
  } catch {
    // A CommonJS bundle (the Electron main) has no import.meta.url.
    here = process.cwd();
  }
  const candidates = [path.join(here, 'net-helper.mjs'), path.resolve(here, '../../../../out/node/net-helper.mjs')];
  return candidates.find((c) => existsSync(c)) ?? null;
}

/**
 * The default argv prefix: as root under plain Node (tests, the web host as a kiosk service) run the
 * bundled helper with this Node; as root under Electron (which cannot act as Node) run the installed
 * helper directly; otherwise elevate the installed helper through pkexec and its polkit action.
 */
export function defaultHelperCommand(isRoot = process.getuid?.() === 0): string[] {
  if (!isRoot) return ['pkexec', INSTALLED_HELPER];
  const bundled = process.versions.electron ? null : bundledHelperPath();
  return bundled ? [process.execPath, bundled] : [INSTALLED_HELPER];
}

function describe(argv: readonly string[], code: number, stdout: string, stderr: string): HelperClientError {
  const usesPkexec = path.basename(argv[0] ?? '') === 'pkexec';
  if (code === 126) {
    return new HelperClientError(
      'dismissed',
      'You dismissed the administrator prompt, so the PC was not changed. Run the repair again and enter an administrator password.',
    );
  }
  if (code === 127 && usesPkexec) {
    return new HelperClientError(
      'not-authorised',
      `Not authorised to change the network settings (pkexec exit 127). Ask an administrator, or check that the polkit action org.ptzconsole.net-helper is installed and ${INSTALLED_HELPER} exists.`,
    );
  }
  const parsed = tryParse(stdout);
  if (parsed && !parsed.ok) {
    const reason =
      parsed.error === 'refused'
        ? 'refused'
        : parsed.error === 'invalid-argument'
          ? 'invalid'
          : parsed.error === 'missing-tool'
            ? 'missing'
            : 'failed';
    const lead = reason === 'refused' ? 'The network helper refused' : 'The network helper failed';
    return new HelperClientError(reason, `${lead}: ${parsed.message}`);
  }
  const text = (stderr.trim() || stdout.trim()).slice(0, 300);
  return new HelperClientError(
    'failed',
    `The network helper exited ${code}${text ? `: ${text}` : ' without a message'}`,
  );
}

function tryParse(stdout: string): HelperOutput | null {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    const r = HelperOutput.safeParse(JSON.parse(line));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** A client for the helper run as `command` (argv prefix) + verb arguments. */
export function createHelperClient(
  command: readonly string[] = defaultHelperCommand(),
  exec: ExecArgv = execArgv,
): NetHelper {
  if (command.length === 0) throw new RangeError('helperCommand must have at least the program');
  async function call(args: string[]): Promise<Extract<HelperOutput, { ok: true }>> {
    const argv = [...command, ...args];
    // pkexec of a missing program fails with 127, which reads as "not authorised": say what is wrong,
    // before anyone is asked for a password.
    const target = command[1];
    if (path.basename(command[0]!) === 'pkexec' && target && path.isAbsolute(target) && !existsSync(target)) {
      throw new HelperClientError(
        'missing',
        `The network helper is not installed (${target} is missing): install the PTZ Console package, ` +
          'or run the console as root while developing (it then uses the bundled helper).',
      );
    }
    const r = await exec(argv);
    if (r.code !== 0) throw describe(argv, r.code, r.stdout, r.stderr);
    const out = tryParse(r.stdout);
    if (!out || !out.ok) {
      throw new HelperClientError(
        'failed',
        `The network helper printed no valid result: ${r.stdout.trim().slice(0, 200)}`,
      );
    }
    return out;
  }
  // Validate before anything reaches argv: the helper re-validates, but a bad value should fail here first.
  const v = (iface: string, ip?: string, prefix?: number) => {
    InterfaceName.parse(iface);
    if (ip !== undefined) Ipv4.parse(ip);
    if (prefix !== undefined) PrefixLength.parse(prefix);
  };
  return {
    async addAlias(iface, ip, prefix) {
      v(iface, ip, prefix);
      const out = await call(['add-alias', iface, `${ip}/${prefix}`]);
      return { detail: out.detail ?? `added ${ip}/${prefix} on ${iface}` };
    },
    async removeAlias(iface, ip, prefix) {
      v(iface, ip, prefix);
      const out = await call(['remove-alias', iface, `${ip}/${prefix}`]);
      return { detail: out.detail ?? `removed ${ip}/${prefix} from ${iface}` };
    },
    async list(iface) {
      v(iface);
      return (await call(['list', iface])).addresses ?? [];
    },
    async probe(iface, ip) {
      v(iface, ip);
      const out = await call(['probe', iface, ip]);
      return { free: out.free === true, macs: out.macs ?? [] };
    },
  };
}
