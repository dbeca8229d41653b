/**
 * English strings: the reference dictionary. Its keys are the type of every message key, so a string
 * added here must also be added to every other language (a type error otherwise).
 * Placeholders are `{name}`; other languages must use the same ones.
 */
export const en = {
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
