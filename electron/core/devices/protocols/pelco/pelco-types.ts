/**
 * Pelco-D and Pelco-P semantic messages in protocol-native units (../shared/reference/protocols.md §3–4).
 * Both share one command model; the codecs differ in framing, checksum, address base and bit layout.
 */

/** Pan/tilt speed 0x00–0x3F; 'turbo' is Pelco-D 0xFF / Pelco-P 0x40 (pan only). */
export type PelcoPanSpeed = number | 'turbo';

/** The standard (non-extended) command: every bit set at once, so one frame carries pan+tilt+zoom+focus+iris. */
export interface PelcoMotion {
  pan: 'left' | 'right' | 'stop';
  tilt: 'up' | 'down' | 'stop';
  zoom: 'tele' | 'wide' | 'stop';
  focus: 'far' | 'near' | 'stop';
  iris: 'open' | 'close' | 'stop';
  panSpeed: PelcoPanSpeed; // 0x00–0x3F or turbo
  tiltSpeed: number; // 0x00–0x3F
}

export type PelcoCommand =
  | { kind: 'motion'; motion: PelcoMotion } // all-stop is a motion with every axis 'stop'
  | { kind: 'camera-power'; on: boolean }
  | { kind: 'preset-set'; preset: number } // 1–255
  | { kind: 'preset-clear'; preset: number }
  | { kind: 'preset-go'; preset: number }
  | { kind: 'remote-reset' }
  | { kind: 'zoom-speed'; speed: number } // 0–3
  | { kind: 'focus-speed'; speed: number } // 0–3
  | { kind: 'auto-focus'; mode: number } // device-specific: Pelco 0 auto; PTZOptics 1 auto, 2 manual
  | { kind: 'auto-iris'; mode: number }
  | { kind: 'set-pan-position'; hundredthsOfDegree: number } // 0–35999
  | { kind: 'set-tilt-position'; hundredthsOfDegree: number }
  | { kind: 'set-zoom-position'; position: number } // 0–0xFFFF, device-specific
  | { kind: 'query'; what: 'pan' | 'tilt' | 'zoom' };

/** A frame from a receiver: a position query response (Pelco-D 0x59/0x5B/0x5D). */
export type PelcoResponse =
  | { kind: 'position'; address: number; what: 'pan' | 'tilt' | 'zoom'; value: number }
  /** Pelco-D 4-byte general response / Pelco-P 0xA2 acknowledge on old receivers. */
  | { kind: 'general'; address: number; alarms: number };

export interface PelcoDecodeError {
  reason: 'too-short' | 'bad-sync' | 'bad-checksum' | 'bad-trailer' | 'unknown-command' | 'bad-data';
  detail: string;
}
