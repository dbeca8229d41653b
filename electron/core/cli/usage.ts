/** `ptzctl help`: the commands, the device URL forms and where the full message reference lives. */
import type { CliIo } from './cli-env';

/** Default wait for a final reply in `send`, ms. */
export const SEND_TIMEOUT_MS = 3000;

/** The text of `ptzctl help`. */
export const PTZCTL_USAGE = `ptzctl: PTZ Console's command line for field work

usage: ptzctl <command> [arguments]

commands:
  ports                        list serial ports with VID:PID and serial number
  encode <json> [--explain]    print the bytes of a message; --explain says what each byte group means
  send <device-url> <json> [--sequence N] [--timeout MS]
                               send a message, print every reply (hex and meaning); exit 0 on a final
                               reply, 1 when none came within --timeout (default ${SEND_TIMEOUT_MS} ms)
  watch <device-url>           live status and position until Ctrl+C (stops the head on exit)
  sim [options]                run the camera simulator (ptzctl sim --help)
  ip-setup scan [--iface NAME] [--timeout MS] [--json]
                               find Sony cameras on the segment by IP-setup broadcast (UDP 52380),
                               whatever their subnet: MAC, address, model, name, WRITE on/off
  ip-setup set <mac> <ip> <mask> <gateway> [--name NAME] [--iface NAME] [--timeout MS]
                               give the camera with <mac> a new address (gateway 0.0.0.0 = none);
                               exit 0 on ACK, 1 on NAK or no answer
  help                         this text

device URLs:
  visca-ip://HOST[:PORT]       Sony VISCA over IP (UDP, default port 52381)
  visca-tcp://HOST[:PORT]      raw VISCA over TCP (default port 5678)
  visca-udp://HOST[:PORT]      raw VISCA over UDP (default port 1259)
  serial://PATH?protocol=P&address=N&baud=B
                               P = visca (default), pelco-d or pelco-p, e.g.
                               serial:///dev/ttyUSB0?protocol=visca&address=1&baud=9600
                               serial://COM3?protocol=pelco-d&address=5&baud=2400

messages (JSON, quoted for the shell):
  '{"protocol":"visca","address":1,"command":{"kind":"pan-tilt-drive","pan":"right","tilt":"stop","panSpeed":24,"tiltSpeed":1}}'
  '{"protocol":"visca","address":2,"inquiry":"pan-tilt-position"}'
  '{"protocol":"visca","broadcast":"address-set"}'
  '{"protocol":"visca-ip","sequence":1,"command":{"kind":"power","on":true}}'
  '{"protocol":"pelco-d","address":1,"command":{"kind":"set-pan-position","hundredthsOfDegree":9000}}'

Every message form and command kind: README.md, section "ptzctl".`;

/** Prints the usage on stdout; exit code 0. */
export function helpCommand(io: CliIo): number {
  for (const line of PTZCTL_USAGE.split('\n')) io.out(line);
  return 0;
}
