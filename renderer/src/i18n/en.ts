/**
 * English strings: the reference dictionary. Its keys are the type of every message key, so a string
 * added here must also be added to every other language (a type error otherwise).
 * Placeholders are `{name}`; other languages must use the same ones.
 */
import { inputEn } from './features/input.en';
import { lensEn } from './features/lens.en';
import { lookEn } from './features/look.en';
import { presetsEn } from './features/presets.en';
import { discoveryEn } from './features/discovery.en';
import { networkEn } from './features/network.en';
import { repairEn } from './features/repair.en';

export const en = {
  // Per-feature dictionaries (features/*.en.ts), so features can grow without editing this file.
  ...lensEn,
  ...inputEn,
  ...lookEn,
  ...presetsEn,
  ...discoveryEn,
  ...networkEn,
  ...repairEn,
  'app.title': 'PTZ Console',
  'app.language': 'Language',

  'connection.connecting': 'Connecting to the camera service…',
  'connection.closed': 'Connection to the camera service lost. Reconnecting…',
  'connection.open': 'Connected',

  'safety.stopAll': 'STOP ALL',
  'safety.stopAllHint': 'Stop every camera (Esc)',
  'safety.stopAllSent': 'Stop sent to {count} cameras',
  'safety.stopAllFailed': 'STOP ALL failed: {message}',
  'safety.stopFailed': 'Stop failed: {message}',
  'safety.dismiss': 'Dismiss',

  'devices.title': 'Cameras',
  'devices.listLabel': 'Cameras: use the arrow keys to choose, Enter to take control',
  'devices.empty': 'No cameras configured.',
  'devices.moving': 'Moving',
  'devices.latency': '{ms} ms',
  'devices.address': '{protocol} · {endpoint}',
  'devices.status.online': 'Online',
  'devices.status.connecting': 'Connecting',
  'devices.status.offline': 'Offline',
  'devices.status.error': 'Error',
  'devices.status.disabled': 'Disabled',
  'devices.protocol.visca-ip': 'VISCA over IP',
  'devices.protocol.visca-tcp': 'VISCA over TCP',
  'devices.protocol.visca-udp': 'VISCA over UDP',
  'devices.protocol.visca-serial': 'VISCA serial',
  'devices.protocol.pelco-d': 'Pelco-D',
  'devices.protocol.pelco-p': 'Pelco-P',

  'devices.add': 'Add camera',
  'devices.actionsLabel': 'Selected camera',
  'devices.edit': 'Edit',
  'devices.editLabel': 'Edit {name}',
  'devices.duplicate': 'Duplicate',
  'devices.duplicateLabel': 'Duplicate {name}',
  'devices.copyName': '{name} (copy)',
  'devices.remove': 'Remove',
  'devices.removeLabel': 'Remove {name}',

  'deviceForm.addTitle': 'Add camera',
  'deviceForm.editTitle': 'Edit {name}',
  'deviceForm.field.protocol': 'Protocol',
  'deviceForm.field.name': 'Name',
  'deviceForm.field.host': 'Host',
  'deviceForm.field.port': 'Port',
  'deviceForm.field.path': 'Serial port',
  'deviceForm.field.baudRate': 'Baud rate',
  'deviceForm.field.address': 'Address',
  'deviceForm.field.responseCurve': 'Response curve',
  'deviceForm.field.enabled': 'Enabled (connect to this camera)',
  'deviceForm.hint.host': 'IPv4 address or host name, e.g. 192.0.2.10',
  'deviceForm.hint.port': 'Default {port}',
  'deviceForm.hint.path': '/dev/serial/by-id/… survives re-plugging; COM3 on Windows',
  'deviceForm.hint.baudRate': 'Default {rate} bps',
  'deviceForm.hint.address': '{min}–{max}, as set on the camera',
  'deviceForm.hint.responseCurve': '0.5–3. Empty: 1 (linear); 2 gives finer control near the centre',
  'deviceForm.baudDefault': '{rate} (default)',
  'deviceForm.notANumber': 'Enter a number',
  'deviceForm.conflict': 'Already configured: {message}',
  'deviceForm.notSaved': 'Not saved: {message}',
  'deviceForm.submitAdd': 'Add camera',
  'deviceForm.submitSave': 'Save',
  'deviceForm.saving': 'Saving…',
  'deviceForm.test': 'Test connection',
  'deviceForm.testing': 'Testing…',
  'deviceForm.testOk': 'Answered in {ms} ms',
  'deviceForm.testConnected': 'Connected',
  'deviceForm.testFailed': 'No connection: {detail}',
  'deviceForm.cancel': 'Cancel',

  'removeDevice.title': 'Remove {name}?',
  'removeDevice.body': 'Its settings are deleted from this console. The camera itself is not changed.',
  'removeDevice.confirm': 'Remove',
  'removeDevice.removing': 'Removing…',
  'removeDevice.cancel': 'Cancel',
  'removeDevice.failed': 'Not removed: {message}',

  'control.title': 'Control',
  'control.noSelection': 'Select a camera to control it.',
  'control.selected': 'Controlling {name}',

  'joystick.label': 'Pan and tilt joystick for {name}',
  'joystick.labelNone': 'Pan and tilt joystick (no camera selected)',
  'joystick.help': 'Drag the knob, or hold the arrow keys (Shift for full speed). Release to stop.',

  'lens.title': 'Position',
  'lens.pan': 'Pan',
  'lens.tilt': 'Tilt',
  'lens.zoom': 'Zoom',
  'lens.unknown': '—',
  'lens.degrees': '{value}°',
  'lens.ratio': '{value}×',
} as const;

/** Every message key. */
export type MessageKey = keyof typeof en;
/** The shape another language must fill in: every key, any text. */
export type Dictionary = { readonly [K in MessageKey]: string };
