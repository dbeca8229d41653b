/**
 * The Windows and macOS helper paths, end to end on this machine: the client builds the UAC or admin-prompt
 * invocation, a stand-in for powershell/osascript checks it and "elevates" by running the real net helper
 * (in-process) with the arguments it would have passed, and the client reads the helper's result file.
 * Only the OS prompt itself is simulated.
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHelperCli } from '../../../net-helper/net-helper';
import { ADMIN_PROMPT_SCRIPT, UAC_SCRIPT } from './elevation';
import { HelperClientError, createHelperClient, type ExecArgv } from './helper-client';
import { parseWindowsCommandLine } from './test/windows-command-line';

const WIN_EXE = 'C:\\Program Files\\PTZ Console\\PTZ Console.exe';
const MAC_EXE = '/Applications/PTZ Console.app/Contents/MacOS/PTZ Console';
const FLAG = '--ptz-net-helper';

interface Run {
  elevated: boolean;
  helperArgs: string[];
}

/** What the operator does at the prompt, and what the stand-in saw. */
function standIn(platform: 'win32' | 'darwin', answer: 'yes' | 'no' | 'broken'): { exec: ExecArgv; runs: Run[] } {
  const runs: Run[] = [];
  const exe = platform === 'win32' ? WIN_EXE : MAC_EXE;
  const helper = async (argv: string[], elevated: boolean) => {
    // The app in helper mode: everything after the flag is the helper's command line.
    expect(argv.slice(0, 2)).toEqual([exe, FLAG]);
    runs.push({ elevated, helperArgs: argv.slice(2) });
    const out: string[] = [];
    const code = await runHelperCli(argv.slice(2), (l) => out.push(l));
    return { code, stdout: `${out.join('\n')}\n`, stderr: '' };
  };
  const exec: ExecArgv = async (argv, env = {}) => {
    if (argv[0] === exe) return helper([...argv], false);
    if (platform === 'win32') {
      expect(argv[0]).toBe('powershell.exe');
      expect(Buffer.from(argv.at(-1)!, 'base64').toString('utf16le')).toBe(UAC_SCRIPT);
      if (answer === 'no') return { code: 126, stdout: '', stderr: '' };
      if (answer === 'broken')
        return {
          code: 125,
          stdout: '',
          stderr: 'This command cannot be run due to the error: The file cannot be accessed.',
        };
      // Start-Process -FilePath $env:PTZ_ELEVATE_FILE -ArgumentList $env:PTZ_ELEVATE_ARGS: as Windows parses it.
      const r = await helper([env.PTZ_ELEVATE_FILE!, ...parseWindowsCommandLine(env.PTZ_ELEVATE_ARGS!)], true);
      return { code: r.code, stdout: '', stderr: '' }; // the elevated process's output does not come back
    }
    expect(argv[0]).toBe('/usr/bin/osascript');
    const scriptArgs = ADMIN_PROMPT_SCRIPT.length * 2;
    expect(argv.slice(1, 1 + scriptArgs)).toEqual(ADMIN_PROMPT_SCRIPT.flatMap((l) => ['-e', l]));
    if (answer === 'no') return { code: 1, stdout: '', stderr: '0:180: execution error: User canceled. (-128)\n' };
    if (answer === 'broken') return { code: 1, stdout: '', stderr: 'osascript: no such component' };
    const r = await helper(argv.slice(1 + scriptArgs), true);
    // do shell script turns a non-zero exit into an AppleScript error; stdout is lost either way.
    return r.code === 0
      ? { code: 0, stdout: '', stderr: '' }
      : { code: 1, stdout: '', stderr: `execution error: The command exited with a non-zero status. (${r.code})` };
  };
  return { exec, runs };
}

let tmp = '';
beforeEach(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'ptz-elev-test-'));
});
afterEach(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function failure(p: Promise<unknown>): Promise<HelperClientError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HelperClientError) return e;
    throw e;
  }
  throw new Error('expected a HelperClientError');
}

describe.each(['win32', 'darwin'] as const)('net helper through the %s prompt', (platform) => {
  const command = [platform === 'win32' ? WIN_EXE : MAC_EXE, FLAG];

  it('reads addresses without a prompt, through the result file', async () => {
    const s = standIn(platform, 'yes');
    const h = createHelperClient(command, s.exec, platform, tmp);
    const list = await h.list('lo');
    expect(list).toContainEqual(expect.objectContaining({ address: '127.0.0.1', prefix: 8 }));
    expect(s.runs).toHaveLength(1);
    expect(s.runs[0]!.elevated).toBe(false);
    expect(s.runs[0]!.helperArgs.slice(0, 1)).toEqual(['--result-file']);
    expect(s.runs[0]!.helperArgs.slice(2)).toEqual(['list', 'lo']);
    expect(await readdir(tmp)).toEqual([]); // the result file and its folder are gone
  });

  it('elevates a change, and the helper’s refusal and exit code come back through the file', async () => {
    const s = standIn(platform, 'yes');
    const h = createHelperClient(command, s.exec, platform, tmp);
    const e = await failure(h.addAlias('lo', '127.0.0.1', 8));
    expect(e.reason).toBe('refused');
    expect(e.message).toMatch(/127\.0\.0\.1 is already an address of this PC/);
    expect(s.runs).toEqual([
      {
        elevated: true,
        helperArgs: [expect.stringMatching(/^--result-file$/), expect.any(String), 'add-alias', 'lo', '127.0.0.1/8'],
      },
    ]);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('says the operator dismissed the prompt, and nothing ran', async () => {
    const s = standIn(platform, 'no');
    const e = await failure(createHelperClient(command, s.exec, platform, tmp).removeAlias('lo', '203.0.113.250', 24));
    expect(e.reason).toBe('dismissed');
    expect(e.message).toMatch(/dismissed the administrator prompt/);
    expect(s.runs).toEqual([]);
    expect(await readdir(tmp)).toEqual([]);
  });

  it('reports a prompt that could not start the helper, with the OS’s words', async () => {
    const s = standIn(platform, 'broken');
    const e = await failure(createHelperClient(command, s.exec, platform, tmp).addAlias('lo', '203.0.113.250', 24));
    expect(e.reason).toBe('failed');
    expect(e.message).toMatch(/left no result: .+/);
  });
});
