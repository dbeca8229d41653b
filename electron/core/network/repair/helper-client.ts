/**
 * The core's side of the privileged net helper: runs `helperCommand` + verb arguments with execFile (no
 * shell), parses its JSON, and turns pkexec's and the helper's failures into sentences an operator can act on.
 * Linux elevates through pkexec (the command's prefix); Windows and macOS through UAC or the admin prompt
 * (elevation.ts), with the result handed back in a file.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HelperOutput, type ListedAddress } from '../../../../shared/model/net-helper';
import { InterfaceName, Ipv4, PrefixLength } from '../../../../shared/model/network';
import { DISMISSED_EXIT, adminPromptDismissed, adminPromptElevation, uacElevation } from './elevation';

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

/** Runs argv with `env` added; resolves with exit code and output (spawn failures reject). Injected in tests. */
export type ExecArgv = (
  argv: readonly string[],
  env?: Record<string, string>,
) => Promise<{ code: number; stdout: string; stderr: string }>;

/** execFile without a shell; a non-zero exit resolves (the caller maps it), ENOENT rejects. */
export const execArgv: ExecArgv = (argv, env) =>
  new Promise((resolve, reject) => {
    const [file, ...args] = argv;
    const options = {
      timeout: 180_000,
      encoding: 'utf8' as const,
      ...(env ? { env: { ...process.env, ...env } } : {}),
    };
    // pkexec, UAC and the admin prompt wait for the operator: allow minutes, not seconds.
    execFile(file!, args, options, (error, stdout, stderr) => {
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

/** Whether the helper is elevated per call by UAC / the admin prompt (result via a file), not by pkexec. */
function promptsPerCall(platform: string): platform is 'win32' | 'darwin' {
  return platform === 'win32' || platform === 'darwin';
}

/**
 * The default argv prefix. Linux: as root under plain Node (tests, the web host as a kiosk service) run the
 * bundled helper with this Node; as root under Electron (which cannot act as Node) run the installed
 * helper directly; otherwise elevate the installed helper through pkexec and its polkit action.
 * Windows and macOS under plain Node (the web host): this Node and the bundled helper, elevated per call;
 * the Electron app passes its own executable in helper mode instead (electron/main/helper-mode.ts).
 */
export function defaultHelperCommand(isRoot = process.getuid?.() === 0, platform = process.platform): string[] {
  if (promptsPerCall(platform)) {
    const bundled = bundledHelperPath();
    return bundled ? [process.execPath, bundled] : [INSTALLED_HELPER];
  }
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

/** The helper's changes need administrator rights; reading addresses does not. */
const ELEVATED_VERBS = new Set(['add-alias', 'remove-alias']);

/**
 * Windows and macOS: runs the helper with `--result-file` (elevated for changes), reads the file back and
 * answers as if the helper had printed to us. A missing file is a dismissed prompt or a failed start.
 */
async function runViaResultFile(
  platform: 'win32' | 'darwin',
  command: readonly string[],
  args: readonly string[],
  exec: ExecArgv,
  tmpDir: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const dir = await mkdtemp(path.join(tmpDir, 'ptz-helper-'));
  const file = path.join(dir, `ptz-helper-${randomUUID()}.json`);
  try {
    const helperArgv = [...command, '--result-file', file, ...args];
    const run = !ELEVATED_VERBS.has(args[0] ?? '')
      ? { argv: helperArgv, env: {} }
      : platform === 'win32'
        ? uacElevation(helperArgv)
        : adminPromptElevation(helperArgv);
    const r = await exec(run.argv, run.env);
    // No file: the prompt was dismissed or the helper never started. A torn file reads as no result.
    const text = await readFile(file, 'utf8').catch(() => null);
    let content: { exitCode?: unknown; output?: unknown } | null = null;
    try {
      content = text === null ? null : (JSON.parse(text) as { exitCode?: unknown; output?: unknown } | null);
    } catch {
      // stays null
    }
    if (content && typeof content.exitCode === 'number') {
      return { code: content.exitCode, stdout: JSON.stringify(content.output), stderr: r.stderr };
    }
    if (r.code === DISMISSED_EXIT || (platform === 'darwin' && adminPromptDismissed(r.stderr))) {
      return { code: DISMISSED_EXIT, stdout: '', stderr: r.stderr };
    }
    const why = r.stderr.trim() || r.stdout.trim() || `${run.argv[0]} exited ${r.code}`;
    return { code: r.code === 0 ? 1 : r.code, stdout: '', stderr: `the helper left no result: ${why}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A client for the helper run as `command` (argv prefix) + verb arguments. `platform` picks the elevation
 * (pkexec in the prefix on Linux; UAC or the admin prompt per change on Windows and macOS).
 */
export function createHelperClient(
  command: readonly string[] = defaultHelperCommand(),
  exec: ExecArgv = execArgv,
  platform: string = process.platform,
  tmpDir: string = os.tmpdir(),
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
    const r = promptsPerCall(platform)
      ? await runViaResultFile(platform, command, args, exec, tmpDir)
      : await exec(argv);
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
