// `ptzctl send` over a real socat pty pair: ptzctl opens one end by its /dev/pts path, the simulated
// VISCA chain (or Pelco bus) listens on the other end at 9600 baud.
import { realpath } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { openSerialPort } from '../devices/transports/serial-port';
import { startPelcoSerialServer } from '../sim/pelco-serial-server';
import { createPtyPair } from '../sim/pty-pair';
import { startViscaSerialServer } from '../sim/visca-serial-server';
import { sendMessageCommand } from './send-command';
import { recordingIo } from './test-io';

async function send(...argv: string[]) {
  const io = recordingIo();
  const code = await sendMessageCommand(io, argv);
  return { code, io };
}

describe('ptzctl send over a serial line', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** A pty pair with the far end opened at 9600; returns the near end as /dev/pts/N (what device URLs accept). */
  async function line() {
    const pty = await createPtyPair();
    cleanups.push(() => pty.close());
    const far = await openSerialPort(pty.b, { baudRate: 9600 });
    cleanups.push(() => far.close());
    return { far, near: await realpath(pty.a) };
  }

  it('VISCA: command to address 2 of a 3-camera chain, then AddressSet', async () => {
    const { far, near } = await line();
    const chain = startViscaSerialServer({ endpoint: far, addresses: 3, baudRate: 9600 });
    cleanups.push(() => chain.close());

    const url = `serial://${near}?protocol=visca&address=2&baud=9600`;
    const drive = await send(
      url,
      '{"protocol":"visca","address":2,"command":{"kind":"pan-tilt-drive","pan":"left","tilt":"up","panSpeed":8,"tiltSpeed":8}}',
    );
    expect(drive.io.errors).toEqual([]);
    expect(drive.code).toBe(0);
    expect(drive.io.lines.slice(0, 3)).toEqual([
      `→ 82 01 06 01 08 08 01 01 FF  to camera 2 via ${near} @ 9600 8N1`,
      '← A0 41 FF  ACK socket 1 from camera 2',
      '← A0 51 FF  completion socket 1 from camera 2',
    ]);
    expect(chain.cameras.map((c) => c.snapshot().moving)).toEqual([false, true, false]);

    const inquiry = await send(url, '{"protocol":"visca","address":2,"inquiry":"power"}');
    expect(inquiry.code).toBe(0);
    expect(inquiry.io.lines[1]).toBe('← A0 50 02 FF  inquiry answer from camera 2: on true');

    const numbering = await send(`serial://${near}?protocol=visca`, '{"protocol":"visca","broadcast":"address-set"}');
    expect(numbering.code).toBe(0);
    expect(numbering.io.lines[1]).toBe(
      '← 88 30 04 FF  AddressSet came back: 3 cameras on the chain (next free address 4)',
    );
  });

  it('VISCA: an address nobody answers times out with what to check', async () => {
    const { far, near } = await line();
    const chain = startViscaSerialServer({ endpoint: far, addresses: 1, baudRate: 9600 });
    cleanups.push(() => chain.close());
    const { code, io } = await send(
      `serial://${near}?protocol=visca&baud=9600`,
      '{"protocol":"visca","address":5,"inquiry":"power"}',
      '--timeout',
      '400',
    );
    expect(code).toBe(1);
    expect(io.errors).toEqual([
      `ptzctl send: no reply from ${near} @ 9600 8N1 within 400 ms: check power, the cable (RS-232 crossed, RS-422 pairs), the baud rate (URL baud=, cameras default to 9600) and the camera address (send {"protocol":"visca","broadcast":"address-set"} to number the chain)`,
    ]);
  });

  it('Pelco-D: a command is only sent; a query gets its position response', async () => {
    const { far, near } = await line();
    const bus = startPelcoSerialServer(far, { variant: 'd', addresses: [1] });
    cleanups.push(() => bus.close());
    const url = `serial://${near}?protocol=pelco-d&address=1&baud=9600`;

    const move = await send(
      url,
      '{"protocol":"pelco-d","address":1,"command":{"kind":"set-pan-position","hundredthsOfDegree":9000}}',
    );
    expect(move.code).toBe(0);
    expect(move.io.lines).toEqual([
      `→ FF 01 00 4B 23 28 97  to address 1 via ${near} @ 9600 8N1`,
      'sent (Pelco has no acknowledgement)',
    ]);
    await expect.poll(() => bus.responder.received.map((r) => r.command.kind)).toEqual(['set-pan-position']);

    const query = await send(url, '{"protocol":"pelco-d","address":1,"command":{"kind":"query","what":"tilt"}}');
    expect(query.code).toBe(0);
    expect(query.io.lines[1]).toBe('sent (Pelco has no acknowledgement)');
    expect(query.io.lines[2]).toMatch(
      /^← FF 01 00 5B [0-9A-F]{2} [0-9A-F]{2} [0-9A-F]{2} {2}tilt position \d+ \(\d+\.\d\d°\) from address 1$/,
    );
  });
});
