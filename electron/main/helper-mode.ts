/**
 * The app's executable doubles as the privileged net helper on Windows and macOS: started (elevated by UAC
 * or the admin prompt) with `--ptz-net-helper <verb> …`, the main process runs that one verb and exits
 * without opening a window. Linux installs a separate helper for pkexec instead (build/linux).
 *
 * Why the executable itself: the packaged app cannot run a plain Node script (its `runAsNode` fuse is off),
 * and one signed binary is what UAC and macOS show the operator.
 */

/** The flag that turns the app into the helper for one run. */
export const HELPER_FLAG = '--ptz-net-helper';

/** The helper's arguments when `argv` asks for helper mode, else null. */
export function helperModeArgs(argv: readonly string[]): string[] | null {
  const i = argv.indexOf(HELPER_FLAG);
  return i < 0 ? null : argv.slice(i + 1);
}

/**
 * The argv prefix that starts this app as the helper: the executable, plus the app folder when it runs
 * unpackaged (`electron .`), then the flag. Verb arguments follow.
 */
export function selfHelperCommand(execPath: string, packaged: boolean, appPath: string): string[] {
  return packaged ? [execPath, HELPER_FLAG] : [execPath, appPath, HELPER_FLAG];
}
