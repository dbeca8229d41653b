import { describe, expect, it } from 'vitest';
import {
  ADMIN_PROMPT_SCRIPT,
  UAC_SCRIPT,
  adminPromptDismissed,
  adminPromptElevation,
  quoteWindowsArg,
  uacElevation,
  windowsCommandLine,
} from './elevation';
import { parseWindowsCommandLine } from './test/windows-command-line';

/** Arguments a Windows helper call really carries, and the awkward ones quoting must survive. */
const AWKWARD = [
  'add-alias',
  'Ethernet 2',
  'Local Area Connection* 12',
  '203.0.113.250/24',
  'C:\\Users\\Ana María\\AppData\\Local\\Temp\\ptz-helper-x\\ptz-helper-1.json',
  'C:\\dir with space\\',
  'ends\\\\',
  'a"b',
  'a\\"b',
  '\\\\server\\share',
  '"',
  '',
  ' leading',
  'tab\there',
  '& | < > ^ %PATH% $(x) `y`',
];

describe('Windows command-line quoting', () => {
  it('leaves plain arguments alone and quotes spaces', () => {
    expect(quoteWindowsArg('list')).toBe('list');
    expect(quoteWindowsArg('C:\\x\\y.exe')).toBe('C:\\x\\y.exe');
    expect(quoteWindowsArg('Ethernet 2')).toBe('"Ethernet 2"');
    expect(quoteWindowsArg('')).toBe('""');
    expect(quoteWindowsArg('C:\\dir with space\\')).toBe('"C:\\dir with space\\\\"');
    expect(quoteWindowsArg('a"b')).toBe('"a\\"b"');
  });

  it('round-trips every awkward argument through the CommandLineToArgvW rules', () => {
    expect(parseWindowsCommandLine(windowsCommandLine(AWKWARD))).toEqual(AWKWARD);
    for (const a of AWKWARD) expect(parseWindowsCommandLine(quoteWindowsArg(a))).toEqual([a]);
  });

  it('round-trips random strings of spaces, quotes, backslashes and letters', () => {
    // A fixed-seed generator: the same cases on every run.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    const alphabet = ['\\', '"', ' ', '\t', 'a', 'Z', '-', '/', 'é'];
    for (let n = 0; n < 2000; n++) {
      const args = Array.from({ length: 1 + (next() % 4) }, () =>
        Array.from({ length: next() % 9 }, () => alphabet[next() % alphabet.length]).join(''),
      );
      expect(parseWindowsCommandLine(windowsCommandLine(args))).toEqual(args);
    }
  });
});

describe('UAC elevation (Windows)', () => {
  const exe = 'C:\\Program Files\\PTZ Console\\PTZ Console.exe';
  const helperArgs = ['--ptz-net-helper', '--result-file', AWKWARD[4]!, 'add-alias', 'Ethernet 2', '203.0.113.250/24'];

  it('runs a constant PowerShell script and passes the helper only through the environment', () => {
    const e = uacElevation([exe, ...helperArgs]);
    expect(e.argv.slice(0, -1)).toEqual([
      'powershell.exe',
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-EncodedCommand',
    ]);
    expect(Buffer.from(e.argv.at(-1)!, 'base64').toString('utf16le')).toBe(UAC_SCRIPT);
    for (const a of e.argv) for (const h of ['Ethernet', '203.0.113', 'ptz-helper-1']) expect(a).not.toContain(h);
    expect(e.env.PTZ_ELEVATE_FILE).toBe(exe);
    expect(parseWindowsCommandLine(e.env.PTZ_ELEVATE_ARGS!)).toEqual(helperArgs);
  });

  it('raises the prompt with RunAs, waits, and maps the operator saying no (1223) to 126', () => {
    expect(UAC_SCRIPT).toMatch(
      /Start-Process -FilePath \$env:PTZ_ELEVATE_FILE -ArgumentList \$env:PTZ_ELEVATE_ARGS -Verb RunAs/,
    );
    expect(UAC_SCRIPT).toMatch(/-Wait -PassThru/);
    expect(UAC_SCRIPT).toMatch(/NativeErrorCode -eq 1223\) \{ exit 126 \}/);
  });

  it('refuses an empty command', () => {
    expect(() => uacElevation([])).toThrow(/empty/);
  });
});

describe('admin-prompt elevation (macOS)', () => {
  it('runs a constant AppleScript and appends the helper argv as osascript arguments', () => {
    const argv = [
      '/Applications/PTZ Console.app/Contents/MacOS/PTZ Console',
      '--ptz-net-helper',
      'add-alias',
      'en0',
      "x'; rm -rf ~",
    ];
    const e = adminPromptElevation(argv);
    const script = ADMIN_PROMPT_SCRIPT.flatMap((l) => ['-e', l]);
    expect(e.argv).toEqual(['/usr/bin/osascript', ...script, ...argv]);
    expect(ADMIN_PROMPT_SCRIPT.join('\n')).toMatch(/quoted form of \(a as text\)/);
    expect(ADMIN_PROMPT_SCRIPT.join('\n')).toMatch(/with administrator privileges/);
    expect(e.env).toEqual({});
  });

  it('refuses a relative helper (osascript would read "-x" as an option)', () => {
    expect(() => adminPromptElevation(['-e', 'x'])).toThrow(/absolute/);
    expect(() => adminPromptElevation([])).toThrow(/empty/);
  });

  it('recognises the cancelled prompt', () => {
    expect(adminPromptDismissed('0:123: execution error: User canceled. (-128)')).toBe(true);
    expect(adminPromptDismissed('execution error: The command exited with a non-zero status. (3)')).toBe(false);
  });
});
