/** `ptzctl sim [options]`: the camera simulator, the same program as `npm run sim` (options: `ptzctl sim --help`). */
import { runSim } from '../sim/cli';
import type { CliIo } from './cli-env';

/** Runs the simulator until `until` resolves (default: Ctrl+C); its exit code. */
export function simCommand(io: CliIo, argv: readonly string[], until?: () => Promise<void>): Promise<number> {
  return runSim(argv, { io, ...(until ? { until } : {}) });
}
