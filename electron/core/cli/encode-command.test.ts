import { describe, expect, it } from 'vitest';
import { encodeMessageCommand } from './encode-command';
import { recordingIo } from './test-io';

async function encode(...argv: string[]) {
  const io = recordingIo();
  const code = await encodeMessageCommand(io, argv);
  return { code, io };
}

describe('ptzctl encode', () => {
  // Reference bytes from protocols.md.
  it.each([
    [
      'pan-tilt drive right at 0x18 to camera 1 (§1.4)',
      '{"protocol":"visca","address":1,"command":{"kind":"pan-tilt-drive","pan":"right","tilt":"stop","panSpeed":24,"tiltSpeed":1}}',
      '81 01 06 01 18 01 02 03 FF',
    ],
    ['AddressSet (§1.3)', '{"protocol":"visca","broadcast":"address-set"}', '88 30 01 FF'],
    ['IF_Clear broadcast (§1.3)', '{"protocol":"visca","broadcast":"if-clear"}', '88 01 00 01 FF'],
    [
      'VISCA over IP, seq 1, power on (§2.1)',
      '{"protocol":"visca-ip","sequence":1,"command":{"kind":"power","on":true}}',
      '01 00 00 06 00 00 00 01 81 01 04 00 02 FF',
    ],
    ['VISCA over IP RESET (§2.1)', '{"protocol":"visca-ip","control":"reset"}', '02 00 00 01 00 00 00 00 01'],
    [
      'Pelco-D set pan 90° (§3)',
      '{"protocol":"pelco-d","address":1,"command":{"kind":"set-pan-position","hundredthsOfDegree":9000}}',
      'FF 01 00 4B 23 28 97',
    ],
    [
      'Pelco-D query pan (§3)',
      '{"protocol":"pelco-d","address":1,"command":{"kind":"query","what":"pan"}}',
      'FF 01 00 51 00 00 52',
    ],
    [
      'Pelco-D camera on (§3)',
      '{"protocol":"pelco-d","address":1,"command":{"kind":"camera-power","on":true}}',
      'FF 01 88 00 00 00 89',
    ],
    [
      'Pelco-D left+up+tele, camera 3 (§3)',
      '{"protocol":"pelco-d","address":3,"command":{"kind":"motion","motion":{"pan":"left","tilt":"up","zoom":"tele","panSpeed":16,"tiltSpeed":8}}}',
      'FF 03 00 2C 10 08 47',
    ],
    [
      'Pelco-P published example, camera 2 (§4)',
      '{"protocol":"pelco-p","address":2,"command":{"kind":"motion","motion":{"pan":"right","panSpeed":"0x29"}}}',
      'A0 01 00 02 29 00 AF 25',
    ],
  ])('%s', async (_name, json, hex) => {
    const { code, io } = await encode(json);
    expect(code).toBe(0);
    expect(io.lines).toEqual([hex]);
    expect(io.errors).toEqual([]);
  });

  it('--explain cuts the bytes into groups that add up to the packet', async () => {
    const { code, io } = await encode(
      '{"protocol":"visca-ip","sequence":1,"command":{"kind":"power","on":true}}',
      '--explain',
    );
    expect(code).toBe(0);
    expect(io.lines).toEqual([
      '01 00 00 06 00 00 00 01 81 01 04 00 02 FF',
      '01 00        payload type 0100: VISCA command',
      '00 06        payload length: 6 bytes',
      '00 00 00 01  sequence number 1',
      '81           header: to camera 1',
      '01 04 00 02  command power: on true',
      'FF           terminator',
    ]);
  });

  it('--explain names Pelco fields', async () => {
    const { io } = await encode(
      '{"protocol":"pelco-d","address":1,"command":{"kind":"set-pan-position","hundredthsOfDegree":9000}}',
      '--explain',
    );
    expect(io.lines.slice(1)).toEqual([
      'FF     sync',
      '01     address 1',
      '00 4B  command: set-pan-position',
      '23 28  9000 = 90.00°',
      '97     checksum: sum of bytes 2–6 mod 256',
    ]);
  });

  it.each([
    [['{"protocol":"visca","address":8,"inquiry":"power"}'], /^ptzctl encode: address: must be 1–7$/],
    [['not json'], /^ptzctl encode: not valid JSON/],
    [[], /^ptzctl encode: give the message; usage: /],
    [['{"protocol":"visca",', '"address":1}'], /ONE quoted argument/],
    [['{"protocol":"visca","broadcast":"if-clear"}', '--verbose'], /unknown option --verbose \(known: --explain\)/],
  ])('usage errors exit 2 with one line: %j', async (argv, message) => {
    const { code, io } = await encode(...argv);
    expect(code).toBe(2);
    expect(io.lines).toEqual([]);
    expect(io.errors).toHaveLength(1);
    expect(io.errors[0]).toMatch(message);
  });
});
