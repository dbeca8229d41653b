/** Entry point of out/node/net-helper.mjs (installed as /usr/libexec/ptz-console/net-helper). */
import { runHelperCli } from './net-helper';

// pkexec and sudo hand over a minimal environment; the helper needs none of it.
process.exitCode = await runHelperCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
