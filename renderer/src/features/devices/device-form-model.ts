/**
 * The device form's pure logic: what the operator typed (strings, so nothing is ever lost or reformatted),
 * the fields each protocol shows with the defaults and ranges read from the contract's schemas, and
 * validation with the SAME zod schema the core applies (`DeviceConfigInput`), mapped to form fields.
 */
import type { z } from 'zod';
import { isIpcError, type IpcErrorCode } from '../../../../shared/ipc/ipc-error';
import {
  DeviceConfigInput,
  PelcoDConfig,
  PelcoPConfig,
  ViscaIpConfig,
  ViscaSerialConfig,
  ViscaTcpConfig,
  ViscaUdpConfig,
  type DeviceProtocol,
} from '../../../../shared/model/device';

/** A configuration as the core receives it: parsed, defaults applied, strings trimmed. */
export type ParsedDeviceConfig = z.output<typeof DeviceConfigInput>;

/** How a protocol reaches its camera, with the defaults and limits its schema declares. */
export type ProtocolInfo =
  | { readonly kind: 'network'; readonly defaultPort: number }
  | {
      readonly kind: 'serial';
      readonly defaultBaudRate: number;
      readonly defaultAddress: number;
      readonly addressMin: number;
      readonly addressMax: number;
    };

interface NetworkSchema {
  readonly shape: { readonly port: z.ZodDefault<z.ZodNumber> };
}
interface SerialSchema {
  readonly shape: { readonly baudRate: z.ZodDefault<z.ZodNumber>; readonly address: z.ZodDefault<z.ZodNumber> };
}

const network = (schema: NetworkSchema): ProtocolInfo => ({
  kind: 'network',
  defaultPort: schema.shape.port.parse(undefined),
});

const serial = (schema: SerialSchema): ProtocolInfo => {
  const address = schema.shape.address.unwrap();
  return {
    kind: 'serial',
    defaultBaudRate: schema.shape.baudRate.parse(undefined),
    defaultAddress: schema.shape.address.parse(undefined),
    addressMin: address.minValue ?? 1,
    addressMax: address.maxValue ?? Number.MAX_SAFE_INTEGER,
  };
};

/**
 * Every protocol's form shape. Keyed by `DeviceProtocol`, so a protocol added to the contract is a compile
 * error here until someone decides which fields it needs. Defaults come from the schemas, never copied.
 */
export const PROTOCOL_INFO: { readonly [P in DeviceProtocol]: ProtocolInfo } = {
  'visca-ip': network(ViscaIpConfig),
  'visca-tcp': network(ViscaTcpConfig),
  'visca-udp': network(ViscaUdpConfig),
  'visca-serial': serial(ViscaSerialConfig),
  'pelco-d': serial(PelcoDConfig),
  'pelco-p': serial(PelcoPConfig),
};

/** The protocols in the contract's order (the order of the select). */
export const PROTOCOLS: readonly DeviceProtocol[] = DeviceConfigInput.options.map((o) => o.shape.protocol.value);

export function isDeviceProtocol(value: string): value is DeviceProtocol {
  return Object.hasOwn(PROTOCOL_INFO, value);
}

/** Every field the form can show; the zod issue paths map onto these names. */
export type FormField =
  'protocol' | 'name' | 'host' | 'port' | 'path' | 'baudRate' | 'address' | 'responseCurve' | 'enabled';

/** What the operator typed. Fields of the other transport are kept, so switching protocol back loses nothing. */
export interface DeviceFormValues {
  readonly protocol: DeviceProtocol;
  readonly name: string;
  readonly host: string;
  readonly port: string;
  readonly path: string;
  readonly baudRate: string;
  readonly address: string;
  readonly responseCurve: string;
  readonly enabled: boolean;
}

/** The text fields (everything but the protocol select and the enabled checkbox). */
export type TextField = Exclude<FormField, 'protocol' | 'enabled'>;

/** The fields shown for a protocol, in display (and focus) order. */
export function fieldsFor(protocol: DeviceProtocol): readonly FormField[] {
  const transport: readonly FormField[] =
    PROTOCOL_INFO[protocol].kind === 'network' ? ['host', 'port'] : ['path', 'baudRate', 'address'];
  return ['protocol', 'name', ...transport, 'responseCurve', 'enabled'];
}

/** An empty form for a new camera, with the protocol's defaults filled in. */
export function newDeviceValues(protocol: DeviceProtocol = 'visca-ip'): DeviceFormValues {
  const blank: DeviceFormValues = {
    protocol,
    name: '',
    host: '',
    port: '',
    path: '',
    baudRate: '',
    address: '',
    responseCurve: '',
    enabled: true,
  };
  return fillDefaults(blank, protocol, null);
}

/** The form for an existing camera: every stored value, as text. */
export function valuesFromConfig(config: DeviceConfigInput): DeviceFormValues {
  const base = newDeviceValues(config.protocol);
  const common = {
    ...base,
    name: config.name,
    enabled: config.enabled ?? true,
    responseCurve: config.responseCurve === undefined ? '' : String(config.responseCurve),
  };
  switch (config.protocol) {
    case 'visca-ip':
    case 'visca-tcp':
    case 'visca-udp':
      return { ...common, host: config.host, port: config.port === undefined ? base.port : String(config.port) };
    case 'visca-serial':
    case 'pelco-d':
    case 'pelco-p':
      return {
        ...common,
        path: config.path,
        baudRate: config.baudRate === undefined ? base.baudRate : String(config.baudRate),
        address: config.address === undefined ? base.address : String(config.address),
      };
  }
}

/**
 * Switches protocol. A port or baud rate still at the old protocol's default (or empty) takes the new
 * protocol's default; anything the operator changed is kept, and so is every other field.
 */
export function switchProtocol(values: DeviceFormValues, next: DeviceProtocol): DeviceFormValues {
  if (next === values.protocol) return values;
  return fillDefaults({ ...values, protocol: next }, next, PROTOCOL_INFO[values.protocol]);
}

function fillDefaults(values: DeviceFormValues, protocol: DeviceProtocol, from: ProtocolInfo | null): DeviceFormValues {
  const info = PROTOCOL_INFO[protocol];
  const untouched = (text: string, oldDefault: number | undefined): boolean =>
    text.trim() === '' || (oldDefault !== undefined && text === String(oldDefault));
  if (info.kind === 'network') {
    const oldPort = from?.kind === 'network' ? from.defaultPort : undefined;
    return untouched(values.port, oldPort) ? { ...values, port: String(info.defaultPort) } : values;
  }
  const oldBaud = from?.kind === 'serial' ? from.defaultBaudRate : undefined;
  const oldAddress = from?.kind === 'serial' ? from.defaultAddress : undefined;
  return {
    ...values,
    baudRate: untouched(values.baudRate, oldBaud) ? String(info.defaultBaudRate) : values.baudRate,
    address: untouched(values.address, oldAddress) ? String(info.defaultAddress) : values.address,
  };
}

/** A problem with one field: the schema's own (English) message, or text that is not a number at all. */
export type FieldProblem = { readonly type: 'schema'; readonly message: string } | { readonly type: 'not-a-number' };

export type FieldProblems = { readonly [F in FormField]?: FieldProblem };

export type DeviceFormValidation =
  | { readonly ok: true; readonly config: ParsedDeviceConfig }
  | {
      readonly ok: false;
      /** The first problem of each field shown for the protocol. */
      readonly fields: FieldProblems;
      /** Issues that belong to no shown field (should not happen; shown above the buttons if it does). */
      readonly general: readonly string[];
    };

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * Number fields hold text. Empty means "not given" (the schema's default applies; the placeholder shows
 * it); a number is converted; anything else is handed to zod unchanged so it fails there, and is reported
 * as "not a number" rather than zod's generic type message.
 */
function numberOrText(text: string): { value: number | string | undefined; numeric: boolean } {
  const t = text.trim();
  if (t === '') return { value: undefined, numeric: true };
  return NUMBER_TEXT.test(t) ? { value: Number(t), numeric: true } : { value: t, numeric: false };
}

/** The object handed to `DeviceConfigInput.safeParse`: only the shown fields, numbers converted. */
export function candidateOf(values: DeviceFormValues): {
  readonly candidate: Record<string, unknown>;
  readonly notNumbers: ReadonlySet<FormField>;
} {
  const notNumbers = new Set<FormField>();
  const candidate: Record<string, unknown> = { protocol: values.protocol, name: values.name, enabled: values.enabled };
  const putNumber = (field: FormField, text: string): void => {
    const { value, numeric } = numberOrText(text);
    if (!numeric) notNumbers.add(field);
    if (value !== undefined) candidate[field] = value;
  };
  if (PROTOCOL_INFO[values.protocol].kind === 'network') {
    candidate.host = values.host;
    putNumber('port', values.port);
  } else {
    candidate.path = values.path;
    putNumber('baudRate', values.baudRate);
    putNumber('address', values.address);
  }
  putNumber('responseCurve', values.responseCurve);
  return { candidate, notNumbers };
}

/** Validates with the contract's schema; on failure, one problem per field in the protocol's field order. */
export function validateDeviceForm(values: DeviceFormValues): DeviceFormValidation {
  const { candidate, notNumbers } = candidateOf(values);
  const parsed = DeviceConfigInput.safeParse(candidate);
  if (parsed.success) return { ok: true, config: parsed.data };

  const shown = new Set(fieldsFor(values.protocol));
  const fields: { [F in FormField]?: FieldProblem } = {};
  const general: string[] = [];
  for (const issue of parsed.error.issues) {
    const head = issue.path[0];
    const field = typeof head === 'string' && shown.has(head as FormField) ? (head as FormField) : null;
    if (field === null) {
      general.push(issue.message);
    } else if (!fields[field]) {
      fields[field] = notNumbers.has(field) ? { type: 'not-a-number' } : { type: 'schema', message: issue.message };
    }
  }
  return { ok: false, fields, general };
}

/** The first shown field with a problem, where focus goes after a failed submit. */
export function firstInvalidField(protocol: DeviceProtocol, fields: FieldProblems): FormField | null {
  return fieldsFor(protocol).find((f) => fields[f] !== undefined) ?? null;
}

/** An error from the core (or the bridge) as the form shows it. */
export interface ServerProblem {
  readonly code: IpcErrorCode | null;
  readonly message: string;
}

export function serverProblemOf(error: unknown): ServerProblem {
  if (isIpcError(error)) return { code: error.code, message: error.message };
  return { code: null, message: error instanceof Error ? error.message : String(error) };
}
