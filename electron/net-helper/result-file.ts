/**
 * `--result-file <path>`: where an elevated helper leaves its JSON result. UAC (`Start-Process -Verb RunAs`)
 * and macOS's admin prompt (`do shell script … with administrator privileges`) cannot hand the elevated
 * process's stdout back to the caller, so the caller names a fresh file and reads it afterwards.
 *
 * The helper runs with administrator rights and the path comes from an unprivileged caller, so the file is
 * created exclusively (never an existing file or symlink is written through) and only under a fixed name.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';

export const RESULT_FILE_FLAG = '--result-file';

/** The file name an elevated helper may write: `ptz-helper-<id>.json`. */
export const RESULT_FILE_NAME = /^ptz-helper-[A-Za-z0-9_-]{1,64}\.json$/;

/** What the caller reads back: the helper's JSON line and its exit code. */
export interface ResultFileContent {
  exitCode: number;
  output: unknown;
}

/**
 * Splits a leading `--result-file <path>` off the helper's argv. Returns the path (null when absent) and
 * the remaining verb arguments; throws a RangeError naming what is wrong with the path.
 */
export function splitResultFile(argv: readonly string[]): { resultFile: string | null; rest: string[] } {
  if (argv[0] !== RESULT_FILE_FLAG) return { resultFile: null, rest: [...argv] };
  const file = argv[1];
  if (!file) throw new RangeError(`${RESULT_FILE_FLAG} needs a path`);
  if (!path.isAbsolute(file)) throw new RangeError(`${RESULT_FILE_FLAG} must be an absolute path, got "${file}"`);
  if (file.includes('\0')) throw new RangeError(`${RESULT_FILE_FLAG} must not contain NUL`);
  if (!RESULT_FILE_NAME.test(path.basename(file))) {
    throw new RangeError(`${RESULT_FILE_FLAG} must name a file ptz-helper-<id>.json, got "${path.basename(file)}"`);
  }
  return { resultFile: file, rest: argv.slice(2) };
}

/**
 * Writes the result; `wx` fails on any existing file or symlink, so nothing else is ever overwritten. Mode
 * 0644: on macOS the file belongs to root, and the operator's process must read it (it holds addresses, no
 * secret); the folder it sits in is the caller's private temporary folder.
 */
export function writeResultFile(file: string, content: ResultFileContent): void {
  writeFileSync(file, `${JSON.stringify(content)}\n`, { flag: 'wx', mode: 0o644 });
}
