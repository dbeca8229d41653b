/**
 * Camera-side parsers of VISCA command parameters, one row per three-byte command prefix (`01 cc dd`),
 * the mirror of visca-command-encoders.ts. Parsers return Results and never throw.
 */
import { ok, type Result } from '../../../../../shared/util/result';
import { decodeError } from './visca-frame-check';
import { readNibbles, signExtend } from './visca-nibbles';
import {
  AE_MODE_CODE,
  DRIVE_SPEED_MAX,
  FOCUS_MODE_CODE,
  IRIS_STEP_CODE,
  LIMIT_CORNER_CODE,
  PAN_DIRECTION_BYTE,
  POWER_ON,
  POWER_STANDBY,
  PRESET_ACTION_CODE,
  SWITCH_OFF,
  SWITCH_ON,
  TILT_DIRECTION_BYTE,
  WHITE_BALANCE_CODE,
  hex,
  hexBytes,
  keyOfByte,
} from './visca-tables';
import type { ViscaCommand, ViscaDecodeError } from './visca-types';
import type { ViscaCodecVariant } from './visca-variants';

type Decoded<T> = Result<T, ViscaDecodeError>;
/** Parses the parameter bytes that follow a prefix; checks their count itself (some prefixes take two). */
export type CommandParser = (params: Uint8Array, v: ViscaCodecVariant) => Decoded<ViscaCommand>;

const bad = (detail: string): Decoded<never> => decodeError('bad-data', detail);

/** Key of a three-byte command prefix (`01 cc dd`). */
export const prefixKey = (a: number, b: number, c: number): number => (a << 16) | (b << 8) | c;

function count(what: string, p: Uint8Array, ...allowed: number[]): Decoded<true> {
  return allowed.includes(p.length)
    ? ok(true)
    : bad(`${what} expects ${allowed.join(' or ')} parameter bytes, got ${p.length}: ${hexBytes(p)}`);
}

function unsigned(what: string, p: Uint8Array, offset: number, n: number): Decoded<number> {
  const r = readNibbles(p, offset, n);
  return 'value' in r ? ok(r.value) : bad(`${what}: parameter byte ${r.badIndex} is not a nibble: ${hexBytes(p)}`);
}

function signed(what: string, p: Uint8Array, offset: number, n: number): Decoded<number> {
  const r = unsigned(what, p, offset, n);
  return r.ok ? ok(signExtend(r.value, n * 4)) : r;
}

/** A command whose only parameter is one byte looked up in `table`. */
function single<K extends string>(
  what: string,
  table: Readonly<Record<K, number>>,
  build: (key: K) => ViscaCommand,
): CommandParser {
  return (p) => {
    const n = count(what, p, 1);
    if (!n.ok) return n;
    const key = keyOfByte(table, p[0]!);
    return key === undefined ? bad(`${what} byte 0x${hex(p[0]!)} is not one of the known codes`) : ok(build(key));
  };
}

/** A command without parameters. */
const bare =
  (what: string, cmd: ViscaCommand): CommandParser =>
  (p) => {
    const n = count(what, p, 0);
    return n.ok ? ok(cmd) : n;
  };

/** `00 00 0p 0q`: a one-byte value over four nibbles. */
const byteValued =
  (what: string, build: (position: number) => ViscaCommand): CommandParser =>
  (p) => {
    const n = count(what, p, 4);
    if (!n.ok) return n;
    const v = unsigned(what, p, 0, 4);
    if (!v.ok) return v;
    return v.value > 0xff ? bad(`${what} 0x${v.value.toString(16)} exceeds FF`) : ok(build(v.value));
  };

/** `00` stop, `02`/`03` standard speed, `2p`/`3p` variable speed p (0–7). */
function drive(group: 'zoom' | 'focus'): CommandParser {
  const [first, second] = group === 'zoom' ? (['tele', 'wide'] as const) : (['far', 'near'] as const);
  return (p) => {
    const n = count(`${group} drive`, p, 1);
    if (!n.ok) return n;
    const b = p[0]!;
    const speed = b & 0x0f;
    if (b === 0x00) return ok({ kind: `${group}-drive`, direction: 'stop', speed: 0 } as ViscaCommand);
    if (b === 0x02 || b === 0x03) {
      return ok({ kind: `${group}-standard`, direction: b === 0x02 ? first : second } as ViscaCommand);
    }
    if ((b & 0xf0) === 0x20 && speed <= DRIVE_SPEED_MAX)
      return ok({ kind: `${group}-drive`, direction: first, speed } as ViscaCommand);
    if ((b & 0xf0) === 0x30 && speed <= DRIVE_SPEED_MAX)
      return ok({ kind: `${group}-drive`, direction: second, speed } as ViscaCommand);
    return bad(`${group} drive byte 0x${hex(b)} is not 00, 02, 03, 2p or 3p (p 0–7)`);
  };
}

/** `VV WW <pan> <tilt>` of absolute and relative moves, laid out per the variant. */
function move(kind: 'pan-tilt-absolute' | 'pan-tilt-relative'): CommandParser {
  return (p, v) => {
    const w = v.positionNibbles;
    const n = count(kind, p, 2 + 2 * w);
    if (!n.ok) return n;
    const vv = p[0]!;
    const ww = p[1]!;
    if (vv < 1 || vv > v.panSpeedMax) return bad(`pan speed 0x${hex(vv)} outside 01–${hex(v.panSpeedMax)}`);
    if (v.singleSpeedByte) {
      if (ww !== 0) return bad(`single-speed-byte layout expects 00 in the tilt-speed slot, got 0x${hex(ww)}`);
    } else if (ww < 1 || ww > v.tiltSpeedMax) {
      return bad(`tilt speed 0x${hex(ww)} outside 01–${hex(v.tiltSpeedMax)}`);
    }
    const pan = signed('pan', p, 2, w);
    if (!pan.ok) return pan;
    const tilt = signed('tilt', p, 2 + w, w);
    if (!tilt.ok) return tilt;
    const tiltSpeed = v.singleSpeedByte ? vv : ww;
    return ok({ kind, pan: pan.value, tilt: tilt.value, panSpeed: vv, tiltSpeed });
  };
}

const LIMIT_CLEAR = [0x07, 0x0f, 0x0f, 0x0f, 0x07, 0x0f, 0x0f, 0x0f];

const limit: CommandParser = (p) => {
  const n = count('pan-tilt limit', p, 10);
  if (!n.ok) return n;
  const corner = keyOfByte(LIMIT_CORNER_CODE, p[1]!);
  if (!corner) return bad(`limit corner 0x${hex(p[1]!)} is not 00 or 01`);
  if (p[0] === 0x01) {
    return LIMIT_CLEAR.every((b, i) => p[2 + i] === b)
      ? ok({ kind: 'pan-tilt-limit-clear', corner })
      : bad(`limit clear must carry 07 0F 0F 0F 07 0F 0F 0F: ${hexBytes(p)}`);
  }
  if (p[0] !== 0x00) return bad(`limit byte 0x${hex(p[0]!)} is not 00 (set) or 01 (clear)`);
  const pan = signed('pan limit', p, 2, 4);
  if (!pan.ok) return pan;
  const tilt = signed('tilt limit', p, 6, 4);
  return tilt.ok ? ok({ kind: 'pan-tilt-limit-set', corner, pan: pan.value, tilt: tilt.value }) : tilt;
};

const panTiltDrive: CommandParser = (p, v) => {
  const n = count('pan-tilt drive', p, 4);
  if (!n.ok) return n;
  const [vv = 0, ww = 0, pp = 0, tt = 0] = p;
  if (vv < 1 || vv > v.panSpeedMax) return bad(`pan speed 0x${hex(vv)} outside 01–${hex(v.panSpeedMax)}`);
  if (ww < 1 || ww > v.tiltSpeedMax) return bad(`tilt speed 0x${hex(ww)} outside 01–${hex(v.tiltSpeedMax)}`);
  const pan = keyOfByte(PAN_DIRECTION_BYTE, pp);
  const tilt = keyOfByte(TILT_DIRECTION_BYTE, tt);
  if (!pan || !tilt) return bad(`pan/tilt direction bytes ${hex(pp)} ${hex(tt)} must be 01–03`);
  return ok({ kind: 'pan-tilt-drive', pan, tilt, panSpeed: vv, tiltSpeed: ww });
};

const zoomDirect: CommandParser = (p) => {
  const n = count('zoom direct', p, 4, 8);
  if (!n.ok) return n;
  const zoom = unsigned('zoom position', p, 0, 4);
  if (!zoom.ok || p.length === 4) return zoom.ok ? ok({ kind: 'zoom-direct', position: zoom.value }) : zoom;
  const focus = unsigned('focus position', p, 4, 4);
  return focus.ok ? ok({ kind: 'zoom-focus-direct', zoom: zoom.value, focus: focus.value }) : focus;
};

const focusDirect: CommandParser = (p) => {
  const n = count('focus direct', p, 4);
  if (!n.ok) return n;
  const v = unsigned('focus position', p, 0, 4);
  return v.ok ? ok({ kind: 'focus-direct', position: v.value }) : v;
};

const preset: CommandParser = (p, v) => {
  const n = count('memory', p, 2);
  if (!n.ok) return n;
  const action = keyOfByte(PRESET_ACTION_CODE, p[0]!);
  if (!action) return bad(`memory action 0x${hex(p[0]!)} is not 00, 01 or 02`);
  const pp = p[1]!;
  return pp > v.presetMax
    ? bad(`preset 0x${hex(pp)} exceeds 0x${hex(v.presetMax)}`)
    : ok({ kind: 'preset', action, preset: pp });
};

const SWITCH = { on: SWITCH_ON, off: SWITCH_OFF } as const;
const POWER = { on: POWER_ON, standby: POWER_STANDBY } as const;

/** Parser per command prefix. */
export const COMMAND_PARSERS: ReadonlyMap<number, CommandParser> = new Map<number, CommandParser>([
  [prefixKey(0x01, 0x00, 0x01), bare('IF_Clear', { kind: 'if-clear' })],
  [prefixKey(0x01, 0x04, 0x00), single('power', POWER, (k) => ({ kind: 'power', on: k === 'on' }))],
  [prefixKey(0x01, 0x06, 0x01), panTiltDrive],
  [prefixKey(0x01, 0x06, 0x02), move('pan-tilt-absolute')],
  [prefixKey(0x01, 0x06, 0x03), move('pan-tilt-relative')],
  [prefixKey(0x01, 0x06, 0x04), bare('home', { kind: 'pan-tilt-home' })],
  [prefixKey(0x01, 0x06, 0x05), bare('pan-tilt reset', { kind: 'pan-tilt-reset' })],
  [prefixKey(0x01, 0x06, 0x07), limit],
  [prefixKey(0x01, 0x04, 0x07), drive('zoom')],
  [prefixKey(0x01, 0x04, 0x47), zoomDirect],
  [prefixKey(0x01, 0x04, 0x06), single('digital zoom', SWITCH, (k) => ({ kind: 'digital-zoom', on: k === 'on' }))],
  [prefixKey(0x01, 0x04, 0x08), drive('focus')],
  [prefixKey(0x01, 0x04, 0x48), focusDirect],
  [prefixKey(0x01, 0x04, 0x38), single('focus mode', FOCUS_MODE_CODE, (mode) => ({ kind: 'focus-mode', mode }))],
  [
    prefixKey(0x01, 0x04, 0x18),
    single('one-push AF', { 'one-push': 0x01, infinity: 0x02 }, (k) =>
      k === 'one-push' ? { kind: 'focus-one-push' } : { kind: 'focus-infinity' },
    ),
  ],
  [prefixKey(0x01, 0x04, 0x0b), single('iris', IRIS_STEP_CODE, (action) => ({ kind: 'iris-step', action }))],
  [prefixKey(0x01, 0x04, 0x4b), byteValued('iris position', (position) => ({ kind: 'iris-direct', position }))],
  [prefixKey(0x01, 0x04, 0x4c), byteValued('gain position', (position) => ({ kind: 'gain-direct', position }))],
  [prefixKey(0x01, 0x04, 0x4a), byteValued('shutter position', (position) => ({ kind: 'shutter-direct', position }))],
  [prefixKey(0x01, 0x04, 0x4d), byteValued('bright position', (position) => ({ kind: 'bright-direct', position }))],
  [prefixKey(0x01, 0x04, 0x39), single('AE mode', AE_MODE_CODE, (mode) => ({ kind: 'ae-mode', mode }))],
  [
    prefixKey(0x01, 0x04, 0x3e),
    single('exposure compensation', SWITCH, (k) => ({ kind: 'exposure-comp', on: k === 'on' })),
  ],
  [
    prefixKey(0x01, 0x04, 0x4e),
    byteValued('exposure compensation position', (position) => ({ kind: 'exposure-comp-direct', position })),
  ],
  [
    prefixKey(0x01, 0x04, 0x35),
    single('white balance', WHITE_BALANCE_CODE, (mode) => ({ kind: 'white-balance', mode })),
  ],
  [prefixKey(0x01, 0x04, 0x3f), preset],
]);
