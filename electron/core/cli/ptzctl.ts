/**
 * The ptzctl program (bundled to out/node/ptzctl.mjs, started by bin/ptzctl.mjs): runs the command line
 * and exits with its code.
 */
import { processIo } from './cli-env';
import { runPtzctl } from './run-ptzctl';

// `ptzctl watch … | head`: a closed stdout ends the program quietly (watch stops the head on SIGTERM).
process.stdout.on('error', () => process.kill(process.pid, 'SIGTERM'));

runPtzctl(process.argv.slice(2), processIo).then(
  // Exit explicitly: a serial port or socket a command forgot must not keep a finished command alive.
  (code) => process.stdout.write('', () => process.exit(code)),
  (e: unknown) => {
    process.stderr.write(`ptzctl: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
