/**
 * The ptzctl message schema: one JSON object naming the protocol and one message in the codec's own
 * semantic types.
 *
 *   {"protocol":"visca","address":1,"command":{"kind":"pan-tilt-drive","pan":"right","tilt":"stop","panSpeed":24,"tiltSpeed":1}}
 *   {"protocol":"visca","address":2,"inquiry":"pan-tilt-position"}
 *   {"protocol":"visca","broadcast":"address-set"}   {"protocol":"visca","broadcast":"if-clear"}
 *   {"protocol":"visca","address":1,"cancel":1}
 *   {"protocol":"visca-ip","sequence":7,"command":{…}}   {"protocol":"visca-ip","sequence":8,"inquiry":"power"}
 *   {"protocol":"visca-ip","control":"reset"}
 *   {"protocol":"pelco-d","address":5,"command":{"kind":"motion","motion":{"pan":"left","panSpeed":32}}}   (or "pelco-p")
 *
 * Numbers may also be written as hex strings (`"0x18"`). Every object is strict: an unknown key is an error.
 */
import type { z } from 'zod';
import { err, ok, type Result } from '../../../shared/util/result';
import { PELCO_ADDRESS_RANGE } from '../devices/protocols/pelco';
import { SEQUENCE_MAX } from '../devices/protocols/visca-ip';
import { PelcoCommandSchema } from './pelco-command-schema';
import { describeIssues, intIn, oneOf, strict, tagged } from './schema-fields';
import { ViscaAddressField, ViscaCommandSchema, ViscaInquirySchema } from './visca-command-schema';

const sequence = intIn(0, SEQUENCE_MAX);
const visca = oneOf(['visca']);
const viscaIp = oneOf(['visca-ip']);

/** `{"protocol":"visca","address":1–7,"command":{…}}` */
export const ViscaCommandRequest = strict({ protocol: visca, address: ViscaAddressField, command: ViscaCommandSchema });
/** `{"protocol":"visca","address":1–7,"inquiry":"…"}` */
export const ViscaInquiryRequest = strict({ protocol: visca, address: ViscaAddressField, inquiry: ViscaInquirySchema });
/** `{"protocol":"visca","broadcast":"address-set"[,"first":1–7]}` or `{"protocol":"visca","broadcast":"if-clear"}` */
export const ViscaBroadcastRequest = tagged('broadcast', [
  strict({ protocol: visca, broadcast: oneOf(['address-set']), first: intIn(1, 7).optional() }),
  strict({ protocol: visca, broadcast: oneOf(['if-clear']) }),
]);
/** `{"protocol":"visca","address":1–7,"cancel":socket}`; sockets 1–15 (cameras have 1 and 2). */
export const ViscaCancelRequest = strict({ protocol: visca, address: ViscaAddressField, cancel: intIn(1, 0x0f) });
/** `{"protocol":"visca-ip","sequence":n,"command":{…}}`: the VISCA packet for camera 1 in Sony's 8-byte header. */
export const ViscaIpCommandRequest = strict({ protocol: viscaIp, sequence, command: ViscaCommandSchema });
/** `{"protocol":"visca-ip","sequence":n,"inquiry":"…"}` */
export const ViscaIpInquiryRequest = strict({ protocol: viscaIp, sequence, inquiry: ViscaInquirySchema });
/** `{"protocol":"visca-ip","control":"reset"[,"sequence":n]}`: the RESET control message (sequence 0 by default). */
export const ViscaIpControlRequest = strict({
  protocol: viscaIp,
  control: oneOf(['reset']),
  sequence: sequence.optional(),
});
/** `{"protocol":"pelco-d","address":1–255,"command":{…}}` */
export const PelcoDRequest = strict({
  protocol: oneOf(['pelco-d']),
  address: intIn(PELCO_ADDRESS_RANGE.d.min, PELCO_ADDRESS_RANGE.d.max),
  command: PelcoCommandSchema,
});
/** `{"protocol":"pelco-p","address":1–256,"command":{…}}`; the address as printed on the dome. */
export const PelcoPRequest = strict({
  protocol: oneOf(['pelco-p']),
  address: intIn(PELCO_ADDRESS_RANGE.p.min, PELCO_ADDRESS_RANGE.p.max),
  command: PelcoCommandSchema,
});

/** Validated forms, in the codec's types (the schemas above say what each holds). */
export type ViscaCommandRequest = z.output<typeof ViscaCommandRequest>;
export type ViscaInquiryRequest = z.output<typeof ViscaInquiryRequest>;
export type ViscaBroadcastRequest = z.output<typeof ViscaBroadcastRequest>;
export type ViscaCancelRequest = z.output<typeof ViscaCancelRequest>;
export type ViscaIpCommandRequest = z.output<typeof ViscaIpCommandRequest>;
export type ViscaIpInquiryRequest = z.output<typeof ViscaIpInquiryRequest>;
export type ViscaIpControlRequest = z.output<typeof ViscaIpControlRequest>;
export type PelcoDRequest = z.output<typeof PelcoDRequest>;
export type PelcoPRequest = z.output<typeof PelcoPRequest>;

/** A validated message: which form it is, and its fields in the codec's types. */
export type PtzRequest =
  | { form: 'visca-command'; value: ViscaCommandRequest }
  | { form: 'visca-inquiry'; value: ViscaInquiryRequest }
  | { form: 'visca-broadcast'; value: ViscaBroadcastRequest }
  | { form: 'visca-cancel'; value: ViscaCancelRequest }
  | { form: 'visca-ip-command'; value: ViscaIpCommandRequest }
  | { form: 'visca-ip-inquiry'; value: ViscaIpInquiryRequest }
  | { form: 'visca-ip-control'; value: ViscaIpControlRequest }
  | { form: 'pelco-d'; value: PelcoDRequest }
  | { form: 'pelco-p'; value: PelcoPRequest };

/** The name of a message form, e.g. `visca-command`. */
export type RequestForm = PtzRequest['form'];

/**
 * Which key picks the form, per protocol. The forms are told apart by which of these keys is present
 * (not by a tag), so the schema for that one form can then report its own specific problems.
 */
const FORMS = {
  visca: { command: 'visca-command', inquiry: 'visca-inquiry', broadcast: 'visca-broadcast', cancel: 'visca-cancel' },
  'visca-ip': { command: 'visca-ip-command', inquiry: 'visca-ip-inquiry', control: 'visca-ip-control' },
  'pelco-d': { command: 'pelco-d' },
  'pelco-p': { command: 'pelco-p' },
} as const satisfies Record<string, Record<string, RequestForm>>;

const SCHEMA: { readonly [F in RequestForm]: z.ZodType<Extract<PtzRequest, { form: F }>['value']> } = {
  'visca-command': ViscaCommandRequest,
  'visca-inquiry': ViscaInquiryRequest,
  'visca-broadcast': ViscaBroadcastRequest,
  'visca-cancel': ViscaCancelRequest,
  'visca-ip-command': ViscaIpCommandRequest,
  'visca-ip-inquiry': ViscaIpInquiryRequest,
  'visca-ip-control': ViscaIpControlRequest,
  'pelco-d': PelcoDRequest,
  'pelco-p': PelcoPRequest,
};

const PROTOCOLS = Object.keys(FORMS) as Array<keyof typeof FORMS>;
const quoted = (keys: readonly string[]): string => {
  const q = keys.map((key) => `"${key}"`);
  return q.length > 1 ? `${q.slice(0, -1).join(', ')} or ${q.at(-1)}` : (q[0] ?? '');
};

/** Validates a parsed JSON value; the error is one line naming the field and the rule it broke. */
export function parseRequest(input: unknown): Result<PtzRequest, string> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err('the message must be a JSON object such as {"protocol":"visca","address":1,"command":{…}}');
  }
  const obj = input as Record<string, unknown>;
  const protocol = obj.protocol;
  if (protocol === undefined) return err(`protocol: is required (one of ${PROTOCOLS.join(', ')})`);
  if (typeof protocol !== 'string' || !Object.hasOwn(FORMS, protocol)) {
    return err(`protocol: must be one of ${PROTOCOLS.join(', ')}, not ${JSON.stringify(protocol)}`);
  }
  const forms: Record<string, RequestForm> = FORMS[protocol as keyof typeof FORMS];
  const present = Object.keys(forms).filter((key) => Object.hasOwn(obj, key));
  if (present.length !== 1) {
    const keys = Object.keys(forms);
    return err(
      present.length === 0
        ? `a ${protocol} message needs ${keys.length > 1 ? 'one of ' : ''}${quoted(keys)}`
        : `a ${protocol} message takes only one of ${quoted(present)}`,
    );
  }
  const form = forms[present[0]!]!;
  const parsed = SCHEMA[form].safeParse(obj);
  if (!parsed.success) return err(describeIssues(parsed.error));
  return ok({ form, value: parsed.data } as PtzRequest);
}

/** Parses command-line JSON text and validates it; a syntax error says so and reminds about shell quoting. */
export function parseRequestJson(text: string): Result<PtzRequest, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return err(`not valid JSON (${why}); quote the whole message for the shell: '{"protocol":"visca",…}'`);
  }
  return parseRequest(value);
}
