/**
 * How the core asks Windows and macOS for administrator rights to run the net helper: pure builders of the
 * elevating program's argv. Every helper argument travels as data (an environment variable, or osascript's
 * own argv), never spliced into the elevating program's script text.
 *
 * - Windows: PowerShell's `Start-Process -Verb RunAs` raises the UAC prompt. Its `-ArgumentList` is one
 *   command-line string, so the arguments are quoted here by the rules the child's C runtime and
 *   `CommandLineToArgvW` parse with. UAC's "No" surfaces as ERROR_CANCELLED (1223), mapped to exit 126 as
 *   pkexec reports a dismissed prompt.
 * - macOS: `do shell script … with administrator privileges` shows the system's admin prompt. It takes a
 *   /bin/sh command line, so each argument is passed to osascript as an argument and quoted by AppleScript's
 *   `quoted form of` (single quotes); the script text itself is constant. "User canceled" is error -128.
 */

/** Exit code the launchers use for a dismissed prompt (the same as pkexec's). */
export const DISMISSED_EXIT = 126;

/** Quotes one argument for a Windows command line (inverse of `CommandLineToArgvW`). */
export function quoteWindowsArg(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let backslashes = 0;
  for (const ch of arg) {
    if (ch === '\\') {
      backslashes++;
      continue;
    }
    // Backslashes are literal unless a quote follows: then each must be doubled, and the quote escaped.
    out += ch === '"' ? `${'\\'.repeat(backslashes * 2 + 1)}"` : `${'\\'.repeat(backslashes)}${ch}`;
    backslashes = 0;
  }
  // Trailing backslashes precede the closing quote: double them.
  return `${out}${'\\'.repeat(backslashes * 2)}"`;
}

/** A Windows command line from argv (each argument quoted as needed, joined by spaces). */
export function windowsCommandLine(args: readonly string[]): string {
  return args.map(quoteWindowsArg).join(' ');
}

/**
 * The PowerShell that raises UAC: runs $env:PTZ_ELEVATE_FILE with $env:PTZ_ELEVATE_ARGS elevated, waits,
 * and exits with its code; 126 when the operator said no, 125 when it could not start.
 */
export const UAC_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  'try {',
  '  $p = Start-Process -FilePath $env:PTZ_ELEVATE_FILE -ArgumentList $env:PTZ_ELEVATE_ARGS -Verb RunAs -WindowStyle Hidden -Wait -PassThru',
  '  exit $p.ExitCode',
  '} catch {',
  '  $e = $_.Exception',
  '  while ($e) { if ($e.NativeErrorCode -eq 1223) { exit 126 }; $e = $e.InnerException }',
  '  [Console]::Error.WriteLine($_.Exception.Message)',
  '  exit 125',
  '}',
].join('\n');

/** An elevating invocation: the argv to run and the environment it adds. */
export interface Elevation {
  argv: string[];
  env: Record<string, string>;
}

/** Windows: `powershell -EncodedCommand <UAC_SCRIPT>` with the helper argv in the environment. */
export function uacElevation(helperArgv: readonly string[]): Elevation {
  const [file, ...args] = helperArgv;
  if (!file) throw new RangeError('the helper command is empty');
  return {
    argv: [
      'powershell.exe',
      '-NoLogo',
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      // UTF-16LE base64: the script reaches PowerShell without any command-line quoting of its own.
      '-EncodedCommand',
      Buffer.from(UAC_SCRIPT, 'utf16le').toString('base64'),
    ],
    env: { PTZ_ELEVATE_FILE: file, PTZ_ELEVATE_ARGS: windowsCommandLine(args) },
  };
}

/** The AppleScript run handler: quotes each of osascript's arguments and runs them with admin rights. */
export const ADMIN_PROMPT_SCRIPT = [
  'on run argv',
  'set cmd to ""',
  'repeat with a in argv',
  'set cmd to cmd & quoted form of (a as text) & " "',
  'end repeat',
  'do shell script cmd with administrator privileges',
  'end run',
];

/** macOS: `osascript -e … <helper argv>`; the prompt names the app that asks. */
export function adminPromptElevation(helperArgv: readonly string[]): Elevation {
  if (helperArgv.length === 0) throw new RangeError('the helper command is empty');
  if (!helperArgv[0]!.startsWith('/')) {
    // osascript would read a leading "-" as its own option; the helper's path is absolute anyway.
    throw new RangeError(`the helper must be an absolute path, got ${helperArgv[0]}`);
  }
  return { argv: ['/usr/bin/osascript', ...ADMIN_PROMPT_SCRIPT.flatMap((l) => ['-e', l]), ...helperArgv], env: {} };
}

/** Whether osascript's stderr reports the operator cancelling the prompt (AppleScript error -128). */
export function adminPromptDismissed(stderr: string): boolean {
  return /\(-128\)/.test(stderr);
}
