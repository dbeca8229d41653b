import { describe, expect, it } from 'vitest';
import { encodePelcoDResponse } from '../devices/protocols/pelco';
import { PayloadType, encodeControlError, encodeViscaIp } from '../devices/protocols/visca-ip';
import { describePelcoFrame, describeViscaFrame, describeViscaIpDatagram } from './describe-reply';

const bytes = (hex: string) => Uint8Array.from(hex.split(' ').map((h) => Number.parseInt(h, 16)));

describe('reply descriptions', () => {
  it.each([
    ['90 41 FF', 'ACK socket 1', 'ack'],
    ['90 51 FF', 'completion socket 1', 'final'],
    ['B0 52 FF', 'completion socket 2 from camera 3', 'final'],
    ['90 60 02 FF', 'error: syntax — the camera does not know this command, or a value is outside its range', 'final'],
    [
      '90 61 41 FF',
      'error: not-executable (socket 1) — the camera cannot run it now (standby, or the current mode does not allow it)',
      'final',
    ],
    ['90 60 7E FF', 'error: code 0x7E — an error code this tool does not know', 'final'],
    [
      'A0 38 FF',
      'network change from camera 2: the chain changed; send {"protocol":"visca","broadcast":"address-set"}',
      'other',
    ],
    ['88 30 02 FF', 'AddressSet came back: 1 camera on the chain (next free address 2)', 'final'],
    ['88 01 00 01 FF', 'IF_Clear came back around the chain', 'final'],
    ['90 50 02 FF', 'completion socket 0, data 02', 'final'],
    ['81 01 FF', 'not a VISCA reply: 0x81 is not a reply header (expected 90, A0 … F0): 81 01 FF', 'other'],
  ])('%s', (hex, text, cls) => {
    expect(describeViscaFrame(bytes(hex))).toMatchObject({ text, cls });
  });

  it('decodes inquiry answers when it knows the inquiry', () => {
    expect(describeViscaFrame(bytes('90 50 0D 0E 00 00 01 02 00 00 FF'), 'pan-tilt-position').text).toBe(
      'inquiry answer: pan -8704, tilt 4608',
    );
    expect(describeViscaFrame(bytes('90 50 02 FF'), 'zoom-position').text).toMatch(/^inquiry answer not understood: /);
  });

  it('VISCA over IP: replies carry their sequence number, control errors are final', () => {
    const reply = encodeViscaIp({ type: PayloadType.reply, sequence: 3, payload: bytes('90 41 FF') });
    expect(describeViscaIpDatagram(reply)).toMatchObject({ text: 'ACK socket 1 (seq 3)', cls: 'ack', sequence: 3 });
    const refused = encodeViscaIp({ type: PayloadType.controlReply, sequence: 9, payload: encodeControlError(0x02) });
    expect(describeViscaIpDatagram(refused)).toMatchObject({
      text: 'control error: message — the camera could not parse the message (seq 9)',
      cls: 'final',
    });
    expect(describeViscaIpDatagram(bytes('01 11 00 05 00 00 00 01 90 41 FF')).text).toMatch(
      /^not a VISCA-over-IP datagram: /,
    );
  });

  it('Pelco position responses in hundredths and degrees', () => {
    const frame = encodePelcoDResponse({ kind: 'position', address: 4, what: 'pan', value: 9000 });
    expect(describePelcoFrame('d', frame).text).toBe('pan position 9000 (90.00°) from address 4');
    expect(describePelcoFrame('d', bytes('FF 01 00 4B 23 28 97')).text).toMatch(/^not a position response/);
  });
});
