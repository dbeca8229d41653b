import { describe, expect, it } from 'vitest';
import { STOP_MOTION, encodePelcoD, encodePelcoP, type PelcoCommand } from '../devices/protocols/pelco';
import {
  encodeAddressSet,
  encodeCancel,
  encodeCommand,
  encodeIfClearBroadcast,
  encodeInquiry,
  type ViscaAddress,
  type ViscaCommand,
  type ViscaCommandKind,
  type ViscaInquiry,
} from '../devices/protocols/visca';
import { COMMAND_ENCODERS } from '../devices/protocols/visca/visca-command-encoders';
import { INQUIRY_BYTES } from '../devices/protocols/visca/visca-tables';
import { PayloadType, encodeReset, encodeViscaIp } from '../devices/protocols/visca-ip';
import { parseRequest, parseRequestJson } from './command-schema';
import { encodeRequest } from './encode-request';

/** At least one sample per kind; the mapped type makes a new codec kind without a sample a compile error. */
const VISCA_SAMPLES: { [K in ViscaCommandKind]: Array<Extract<ViscaCommand, { kind: K }>> } = {
  'pan-tilt-drive': [
    { kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 24, tiltSpeed: 1 },
    { kind: 'pan-tilt-drive', pan: 'left', tilt: 'up', panSpeed: 1, tiltSpeed: 23 },
    { kind: 'pan-tilt-drive', pan: 'stop', tilt: 'down', panSpeed: 5, tiltSpeed: 5 },
  ],
  'pan-tilt-home': [{ kind: 'pan-tilt-home' }],
  'zoom-drive': [
    { kind: 'zoom-drive', direction: 'tele', speed: 7 },
    { kind: 'zoom-drive', direction: 'wide', speed: 0 },
    { kind: 'zoom-drive', direction: 'stop' },
    { kind: 'zoom-drive', direction: 'stop', speed: 3 },
  ],
  'zoom-direct': [{ kind: 'zoom-direct', position: 0x4000 }],
  'focus-drive': [
    { kind: 'focus-drive', direction: 'far', speed: 2 },
    { kind: 'focus-drive', direction: 'near', speed: 7 },
    { kind: 'focus-drive', direction: 'stop' },
  ],
  'iris-direct': [{ kind: 'iris-direct', position: 0x11 }],
  'ae-mode': [
    { kind: 'ae-mode', mode: 'full-auto' },
    { kind: 'ae-mode', mode: 'iris-priority' },
  ],
  power: [
    { kind: 'power', on: true },
    { kind: 'power', on: false },
  ],
  'if-clear': [{ kind: 'if-clear' }],
  'pan-tilt-absolute': [{ kind: 'pan-tilt-absolute', pan: -8704, tilt: 4608, panSpeed: 24, tiltSpeed: 23 }],
  'pan-tilt-relative': [{ kind: 'pan-tilt-relative', pan: 0x7fff, tilt: -0x8000, panSpeed: 1, tiltSpeed: 1 }],
  'pan-tilt-reset': [{ kind: 'pan-tilt-reset' }],
  'pan-tilt-limit-set': [{ kind: 'pan-tilt-limit-set', corner: 'up-right', pan: 1000, tilt: -200 }],
  'pan-tilt-limit-clear': [{ kind: 'pan-tilt-limit-clear', corner: 'down-left' }],
  'zoom-standard': [{ kind: 'zoom-standard', direction: 'wide' }],
  'zoom-focus-direct': [{ kind: 'zoom-focus-direct', zoom: 0xffff, focus: 0 }],
  'digital-zoom': [{ kind: 'digital-zoom', on: true }],
  'focus-standard': [{ kind: 'focus-standard', direction: 'far' }],
  'focus-direct': [{ kind: 'focus-direct', position: 0x1234 }],
  'focus-mode': [
    { kind: 'focus-mode', mode: 'manual' },
    { kind: 'focus-mode', mode: 'toggle' },
  ],
  'focus-one-push': [{ kind: 'focus-one-push' }],
  'focus-infinity': [{ kind: 'focus-infinity' }],
  'iris-step': [{ kind: 'iris-step', action: 'down' }],
  'gain-direct': [{ kind: 'gain-direct', position: 0xff }],
  'shutter-direct': [{ kind: 'shutter-direct', position: 0 }],
  'bright-direct': [{ kind: 'bright-direct', position: 0x0a }],
  'exposure-comp': [{ kind: 'exposure-comp', on: false }],
  'exposure-comp-direct': [{ kind: 'exposure-comp-direct', position: 7 }],
  'white-balance': [{ kind: 'white-balance', mode: 'one-push' }],
  preset: [
    { kind: 'preset', action: 'recall', preset: 0x7f },
    { kind: 'preset', action: 'set', preset: 0 },
  ],
};

const PELCO_SAMPLES: { [K in PelcoCommand['kind']]: Array<Extract<PelcoCommand, { kind: K }>> } = {
  motion: [
    { kind: 'motion', motion: { ...STOP_MOTION } },
    {
      kind: 'motion',
      motion: { pan: 'left', tilt: 'up', zoom: 'tele', focus: 'near', iris: 'open', panSpeed: 0x3f, tiltSpeed: 0x10 },
    },
    {
      kind: 'motion',
      motion: {
        pan: 'right',
        tilt: 'down',
        zoom: 'wide',
        focus: 'far',
        iris: 'close',
        panSpeed: 'turbo',
        tiltSpeed: 0,
      },
    },
  ],
  'camera-power': [{ kind: 'camera-power', on: true }],
  'preset-set': [{ kind: 'preset-set', preset: 1 }],
  'preset-clear': [{ kind: 'preset-clear', preset: 255 }],
  'preset-go': [{ kind: 'preset-go', preset: 0x21 }],
  'remote-reset': [{ kind: 'remote-reset' }],
  'zoom-speed': [{ kind: 'zoom-speed', speed: 3 }],
  'focus-speed': [{ kind: 'focus-speed', speed: 0 }],
  'auto-focus': [{ kind: 'auto-focus', mode: 1 }],
  'auto-iris': [{ kind: 'auto-iris', mode: 0 }],
  'set-pan-position': [{ kind: 'set-pan-position', hundredthsOfDegree: 35999 }],
  'set-tilt-position': [{ kind: 'set-tilt-position', hundredthsOfDegree: 4500 }],
  'set-zoom-position': [{ kind: 'set-zoom-position', position: 0xffff }],
  query: [
    { kind: 'query', what: 'pan' },
    { kind: 'query', what: 'tilt' },
    { kind: 'query', what: 'zoom' },
  ],
};

const viscaCases = Object.values(VISCA_SAMPLES)
  .flat()
  .map((cmd, i) => ({ cmd: cmd as ViscaCommand, address: ((i % 7) + 1) as ViscaAddress }));

/** Parses through the JSON text path, as the command line does. */
function bytesOf(message: unknown): Uint8Array {
  const r = parseRequestJson(JSON.stringify(message));
  if (!r.ok) throw new Error(r.error);
  return encodeRequest(r.value).bytes;
}

describe('VISCA schema round trip (schema → encode = the codec)', () => {
  it('has a sample for every command kind the codec encodes', () => {
    expect(Object.keys(VISCA_SAMPLES).sort()).toEqual(Object.keys(COMMAND_ENCODERS).sort());
  });

  it.each(viscaCases.map((c) => [c.cmd.kind, c] as const))('%s', (_kind, { cmd, address }) => {
    const parsed = parseRequest({ protocol: 'visca', address, command: cmd });
    expect(parsed.ok && parsed.value.form === 'visca-command' && parsed.value.value.command).toEqual(cmd);
    expect(bytesOf({ protocol: 'visca', address, command: cmd })).toEqual(encodeCommand(address, cmd));
    // The same command in Sony's header, for camera 1.
    expect(bytesOf({ protocol: 'visca-ip', sequence: 0xfffffffe, command: cmd })).toEqual(
      encodeViscaIp({ type: PayloadType.command, sequence: 0xfffffffe, payload: encodeCommand(1, cmd) }),
    );
  });

  it.each(Object.keys(INQUIRY_BYTES) as ViscaInquiry[])('inquiry %s', (inquiry) => {
    expect(bytesOf({ protocol: 'visca', address: 3, inquiry })).toEqual(encodeInquiry(3, inquiry));
    expect(bytesOf({ protocol: 'visca-ip', sequence: 9, inquiry })).toEqual(
      encodeViscaIp({ type: PayloadType.inquiry, sequence: 9, payload: encodeInquiry(1, inquiry) }),
    );
  });

  it('encodes broadcasts, cancel and the RESET control message', () => {
    expect(bytesOf({ protocol: 'visca', broadcast: 'address-set' })).toEqual(encodeAddressSet());
    expect(bytesOf({ protocol: 'visca', broadcast: 'address-set', first: 3 })).toEqual(encodeAddressSet(3));
    expect(bytesOf({ protocol: 'visca', broadcast: 'if-clear' })).toEqual(encodeIfClearBroadcast());
    expect(bytesOf({ protocol: 'visca', address: 2, cancel: 1 })).toEqual(encodeCancel(2, 1));
    expect(bytesOf({ protocol: 'visca-ip', control: 'reset' })).toEqual(encodeReset());
    expect(bytesOf({ protocol: 'visca-ip', control: 'reset', sequence: 4 })).toEqual(encodeReset(4));
  });

  it('takes hex strings for numbers', () => {
    const cmd = { kind: 'pan-tilt-absolute', pan: '-0x2200', tilt: '0x1200', panSpeed: '0x18', tiltSpeed: '0x17' };
    expect(bytesOf({ protocol: 'visca', address: '0x1', command: cmd })).toEqual(
      encodeCommand(1, { kind: 'pan-tilt-absolute', pan: -0x2200, tilt: 0x1200, panSpeed: 24, tiltSpeed: 23 }),
    );
  });
});

describe('Pelco schema round trip', () => {
  const cases = Object.values(PELCO_SAMPLES)
    .flat()
    .map((cmd) => [cmd.kind, cmd] as const);

  it.each(cases)('%s (D and P)', (_kind, cmd) => {
    expect(bytesOf({ protocol: 'pelco-d', address: 5, command: cmd })).toEqual(encodePelcoD(5, cmd));
    expect(bytesOf({ protocol: 'pelco-p', address: 256, command: cmd })).toEqual(encodePelcoP(256, cmd));
  });

  it('fills a partial motion with stops and zero speeds', () => {
    const motion = { kind: 'motion', motion: { pan: 'right', panSpeed: 32 } };
    expect(bytesOf({ protocol: 'pelco-d', address: 1, command: motion })).toEqual(
      encodePelcoD(1, { kind: 'motion', motion: { ...STOP_MOTION, pan: 'right', panSpeed: 32 } }),
    );
  });
});

describe('bad messages get one specific line', () => {
  const drive = { kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 24, tiltSpeed: 1 };
  const visca = (command: object, address: unknown = 1) => ({ protocol: 'visca', address, command });

  it.each<[string, unknown, RegExp]>([
    ['unknown kind', visca({ kind: 'pan-left' }), /^command\.kind: unknown kind "pan-left" \(one of pan-tilt-drive, /],
    ['missing kind', visca({ pan: 'right' }), /^command\.kind: is required \(one of pan-tilt-drive, /],
    ['pan speed too high', visca({ ...drive, panSpeed: 25 }), /^command\.panSpeed: must be 1–24 \(0x01–0x18\)$/],
    ['pan speed zero', visca({ ...drive, panSpeed: 0 }), /^command\.panSpeed: must be 1–24/],
    ['fractional speed', visca({ ...drive, tiltSpeed: 1.5 }), /^command\.tiltSpeed: must be 1–23/],
    ['speed as text', visca({ ...drive, tiltSpeed: 'fast' }), /^command\.tiltSpeed: must be 1–23/],
    ['address 8', visca(drive, 8), /^address: must be 1–7$/],
    ['address missing', { protocol: 'visca', command: drive }, /^address: is required: a whole number 1–7$/],
    [
      'missing field',
      visca({ kind: 'pan-tilt-drive', pan: 'right', tilt: 'stop', panSpeed: 24 }),
      /^command\.tiltSpeed: is required: a whole number 1–23 \(0x01–0x17\)$/,
    ],
    ['bad direction', visca({ ...drive, pan: 'up' }), /^command\.pan: must be one of left, right, stop, not "up"$/],
    ['extra key', visca({ kind: 'pan-tilt-home', speed: 3 }), /^command: unknown key "speed" \(allowed: kind\)$/],
    [
      'extra top-level key',
      { ...visca(drive), camera: 1 },
      /^unknown key "camera" \(allowed: protocol, address, command\)$/,
    ],
    [
      'zoom drive without speed',
      visca({ kind: 'zoom-drive', direction: 'tele' }),
      /^command\.speed: is required: a whole number 0–7$/,
    ],
    [
      'zoom drive bad direction',
      visca({ kind: 'zoom-drive', direction: 'in', speed: 1 }),
      /^command\.direction: unknown direction "in" \(one of tele, wide, stop\)$/,
    ],
    [
      'position too large',
      visca({ kind: 'zoom-direct', position: 0x10000 }),
      /^command\.position: must be 0–65535 \(0x0000–0xFFFF\)$/,
    ],
    [
      'preset above the generic maximum',
      visca({ kind: 'preset', action: 'set', preset: 0x80 }),
      /^command\.preset: must be 0–127/,
    ],
    ['on as text', visca({ kind: 'power', on: 'yes' }), /^command\.on: must be true or false$/],
    [
      'unknown inquiry',
      { protocol: 'visca', address: 1, inquiry: 'temperature' },
      /^inquiry: must be one of pan-tilt-position, /,
    ],
    [
      'command and inquiry',
      { protocol: 'visca', address: 1, command: drive, inquiry: 'power' },
      /takes only one of "command" or "inquiry"/,
    ],
    ['neither', { protocol: 'visca', address: 1 }, /needs one of "command", "inquiry", "broadcast" or "cancel"/],
    [
      'unknown broadcast',
      { protocol: 'visca', broadcast: 'reboot' },
      /^broadcast: unknown broadcast "reboot" \(one of address-set, if-clear\)$/,
    ],
    ['cancel socket 0', { protocol: 'visca', address: 1, cancel: 0 }, /^cancel: must be 1–15/],
    [
      'missing protocol',
      { address: 1, command: drive },
      /^protocol: is required \(one of visca, visca-ip, pelco-d, pelco-p\)$/,
    ],
    [
      'unknown protocol',
      { protocol: 'onvif' },
      /^protocol: must be one of visca, visca-ip, pelco-d, pelco-p, not "onvif"$/,
    ],
    [
      'visca-ip with address',
      { protocol: 'visca-ip', sequence: 1, address: 1, command: drive },
      /^unknown key "address"/,
    ],
    [
      'visca-ip sequence negative',
      { protocol: 'visca-ip', sequence: -1, command: drive },
      /^sequence: must be 0–4294967295/,
    ],
    ['visca-ip sequence missing', { protocol: 'visca-ip', command: drive }, /^sequence: is required/],
    [
      'pelco-d address 0',
      { protocol: 'pelco-d', address: 0, command: { kind: 'remote-reset' } },
      /^address: must be 1–255/,
    ],
    [
      'pelco-p address 257',
      { protocol: 'pelco-p', address: 257, command: { kind: 'remote-reset' } },
      /^address: must be 1–256/,
    ],
    [
      'pelco pan speed',
      { protocol: 'pelco-d', address: 1, command: { kind: 'motion', motion: { pan: 'left', panSpeed: 'fast' } } },
      /^command\.motion\.panSpeed: must be 0–63 \(0x00–0x3F\) or "turbo"$/,
    ],
    [
      'pelco angle',
      { protocol: 'pelco-d', address: 1, command: { kind: 'set-pan-position', hundredthsOfDegree: 36000 } },
      /^command\.hundredthsOfDegree: must be 0–35999/,
    ],
    [
      'pelco unknown kind',
      { protocol: 'pelco-p', address: 1, command: { kind: 'aux-on' } },
      /^command\.kind: unknown kind "aux-on" \(one of motion, /,
    ],
    ['an array', [1, 2], /must be a JSON object/],
  ])('%s', (_name, message, expected) => {
    const r = parseRequest(message);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(expected);
  });

  it('names non-JSON text as such', () => {
    const r = parseRequestJson("{protocol:'visca'}");
    expect(!r.ok && r.error).toMatch(/^not valid JSON \(.+\); quote the whole message for the shell/);
  });

  it('reports up to three problems at once', () => {
    const r = parseRequest(visca({ ...drive, panSpeed: 99, tiltSpeed: 99 }, 9));
    expect(!r.ok && r.error).toBe(
      'address: must be 1–7; command.panSpeed: must be 1–24 (0x01–0x18); command.tiltSpeed: must be 1–23 (0x01–0x17)',
    );
  });
});
