/** `ptzctl encode <json> [--explain]`: the bytes of a message, as the app's codecs produce them. */
import type { CliIo } from './cli-env';
import { parseRequestJson } from './command-schema';
import { encodeRequest } from './encode-request';
import { formatGroups, hexBytes } from './hex-format';
import { splitArgs } from './split-args';

const USAGE = `usage: ptzctl encode '<json>' [--explain]`;

/** Runs `ptzctl encode`: prints the hex (and with `--explain` the byte groups); 0, or 2 for a bad message. */
export async function encodeMessageCommand(io: CliIo, argv: readonly string[]): Promise<number> {
  const args = splitArgs(argv, { explain: 'boolean' });
  if (!args.ok) {
    io.err(`ptzctl encode: ${args.error}; ${USAGE}`);
    return 2;
  }
  const [json, ...extra] = args.value.positional;
  if (json === undefined || extra.length > 0) {
    io.err(
      `ptzctl encode: ${json === undefined ? 'give the message' : 'give the message as ONE quoted argument'}; ${USAGE}`,
    );
    return 2;
  }
  const request = parseRequestJson(json);
  if (!request.ok) {
    io.err(`ptzctl encode: ${request.error}`);
    return 2;
  }
  const encoded = encodeRequest(request.value);
  io.out(hexBytes(encoded.bytes));
  if (args.value.flags.has('explain')) for (const line of formatGroups(encoded.groups)) io.out(line);
  return 0;
}
