/**
 * The PC's network as the console sees it, cameras found by discovery, and the address problems that make
 * "connected but nothing moves": an address outside every PC subnet, two devices on one address, a camera
 * on the PC's own address, a gateway outside the camera's subnet.
 */
import { z } from 'zod';
import { BaudRate, Port, SerialPath } from './device';

const ipv4Re = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** A dotted-quad IPv4 address, e.g. `198.51.100.50`. */
export const Ipv4 = z.string().trim().regex(ipv4Re, 'must be an IPv4 address such as 192.0.2.10');
export type Ipv4 = z.infer<typeof Ipv4>;

/** An IPv4 prefix length, 1–32 (a /24 is 255.255.255.0). */
export const PrefixLength = z.number().int().min(1, 'prefix must be 1–32').max(32, 'prefix must be 1–32');

/** `a.b.c.d/nn`, e.g. `198.51.100.0/24`. */
export const Cidr = z
  .string()
  .trim()
  .regex(/^[\d.]+\/\d{1,2}$/, 'must be a subnet such as 198.51.100.0/24')
  .refine((s) => ipv4Re.test(s.split('/')[0]!) && Number(s.split('/')[1]) >= 1 && Number(s.split('/')[1]) <= 32, {
    message: 'must be a subnet such as 198.51.100.0/24 (prefix 1–32)',
  });

/** A MAC address, lower case, colon-separated: `02:00:5e:00:53:01`. */
export const Mac = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase().replace(/-/g, ':'))
  .pipe(z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/, 'must be a MAC address such as 02:00:5e:00:53:01'));
export type Mac = z.infer<typeof Mac>;

/** A network interface name as the OS spells it (`eth0`, `enp3s0`, `Ethernet 2`). */
export const InterfaceName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\w .:@-]+$/, 'interface name: letters, digits, space, . : @ - _');

/** One address of the PC on an interface. */
export const InterfaceAddress = z.object({ address: Ipv4, prefix: PrefixLength });
export type InterfaceAddress = z.infer<typeof InterfaceAddress>;

/** A PC network interface with its IPv4 addresses (loopback excluded). */
export const NetInterface = z.object({
  name: InterfaceName,
  mac: Mac.nullable(),
  up: z.boolean(),
  addresses: z.array(InterfaceAddress),
  /** The default gateway reached through this interface, if any. */
  gateway: Ipv4.nullable(),
  /** Who configures it: NetworkManager (aliases via `nmcli device modify`) or nothing (`ip addr`). */
  managedBy: z.enum(['networkmanager', 'none']),
});
export type NetInterface = z.infer<typeof NetInterface>;

/** An address problem, named for the operator and the repair wizard. */
export const Conflict = z.discriminatedUnion('kind', [
  /** Two or more MACs answer ARP for one address. */
  z.object({ kind: z.literal('duplicate-ip'), ip: Ipv4, macs: z.array(Mac).min(2) }),
  /** The address is in none of the PC's subnets: the PC cannot reach it without a route. */
  z.object({ kind: z.literal('outside-subnet'), ip: Ipv4, pcSubnets: z.array(Cidr) }),
  /** The camera uses an address the PC itself has. */
  z.object({ kind: z.literal('same-as-pc'), ip: Ipv4, interface: InterfaceName }),
  /** The camera's gateway is not inside the camera's own subnet (it will not answer routed traffic). */
  z.object({ kind: z.literal('wrong-gateway'), ip: Ipv4, gateway: Ipv4, subnet: Cidr }),
]);
export type Conflict = z.infer<typeof Conflict>;

/** How discovery looks for cameras. */
export const DiscoveryMethod = z.enum(['ip-setup', 'sweep', 'ws-discovery', 'serial']);
export type DiscoveryMethod = z.infer<typeof DiscoveryMethod>;

/** Ports the subnet sweep tries by default: VISCA over IP, raw VISCA TCP, raw VISCA UDP, HTTP, PTZOptics-style alt. */
export const DEFAULT_SWEEP_PORTS = [52381, 5678, 1259, 80, 8899] as const;

/** What the operator asks discovery to do. */
export const DiscoveryRequest = z
  .object({
    /** Interfaces to search on; empty = every interface that is up and has an IPv4 address. */
    interfaces: z.array(InterfaceName).max(32).default([]),
    methods: z
      .array(DiscoveryMethod)
      .min(1, 'choose at least one method')
      .default([...DiscoveryMethod.options]),
    /** Subnets to sweep; empty = the subnets of the chosen interfaces (each capped at 4096 hosts). */
    subnets: z.array(Cidr).max(16).default([]),
    ports: z
      .array(Port)
      .min(1)
      .max(32)
      .default([...DEFAULT_SWEEP_PORTS]),
    /** Serial ports to probe; empty = every port the OS lists. */
    serialPorts: z.array(SerialPath).max(64).default([]),
  })
  .strict();
export type DiscoveryRequest = z.infer<typeof DiscoveryRequest>;
export type DiscoveryRequestInput = z.input<typeof DiscoveryRequest>;

/** A way to drive a discovered camera, ready to pre-fill the add-device form. */
export const ControlEndpoint = z.discriminatedUnion('protocol', [
  z.object({ protocol: z.enum(['visca-ip', 'visca-tcp', 'visca-udp']), host: Ipv4, port: Port }),
  z.object({
    protocol: z.enum(['visca-serial', 'pelco-d', 'pelco-p']),
    path: SerialPath,
    baud: BaudRate,
    address: z.number().int().min(0).max(255),
  }),
]);
export type ControlEndpoint = z.infer<typeof ControlEndpoint>;

/** One camera found by one or more methods, merged by MAC and address. */
export const DiscoveredCamera = z.object({
  /** Stable within a scan: `mac:…`, `ip:…` or `serial:…`. */
  id: z.string().min(1).max(300),
  mac: Mac.nullable(),
  ip: Ipv4.nullable(),
  prefix: PrefixLength.nullable(),
  gateway: Ipv4.nullable(),
  model: z.string().max(120).nullable(),
  name: z.string().max(120).nullable(),
  /** The PC interface it was found on (null for serial). */
  interface: InterfaceName.nullable(),
  foundBy: z.array(DiscoveryMethod),
  /** Open TCP ports / answering UDP ports seen by the sweep. */
  openPorts: z.array(Port),
  /** How the console can drive it, best first; empty if it answers no protocol the console speaks. */
  endpoints: z.array(ControlEndpoint),
  /** ONVIF device-service URLs from WS-Discovery. */
  onvifXAddrs: z.array(z.string().max(300)),
  /** The PC has an address in the camera's subnet (it can be driven without a repair). */
  reachable: z.boolean(),
  /** Sony IP-setup `WRITE:on` — the camera accepts a new address over IP-setup. Null if unknown. */
  writable: z.boolean().nullable(),
  conflicts: z.array(Conflict),
});
export type DiscoveredCamera = z.infer<typeof DiscoveredCamera>;

/** Progress of one method in a scan. */
export const MethodProgress = z.object({
  method: DiscoveryMethod,
  state: z.enum(['pending', 'running', 'done', 'cancelled', 'failed']),
  /** Probes completed / planned (hosts × ports for the sweep, ports × bauds for serial). */
  done: z.number().int().min(0),
  total: z.number().int().min(0),
  /** Why it failed or was skipped, in plain English. */
  detail: z.string().nullable(),
});
export type MethodProgress = z.infer<typeof MethodProgress>;

/** The current (or last) scan: the whole state, sent on every change (throttled). */
export const DiscoveryState = z.object({
  scanId: z.string().nullable(),
  state: z.enum(['idle', 'running', 'done', 'cancelled', 'failed']),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  methods: z.array(MethodProgress),
  cameras: z.array(DiscoveredCamera),
  error: z.string().nullable(),
});
export type DiscoveryState = z.infer<typeof DiscoveryState>;

/** The state before any scan. */
export const IDLE_DISCOVERY: DiscoveryState = {
  scanId: null,
  state: 'idle',
  startedAt: null,
  finishedAt: null,
  methods: [],
  cameras: [],
  error: null,
};

/** The PC's interfaces and the address problems of configured devices, sent on every change. */
export const NetworkState = z.object({
  interfaces: z.array(NetInterface),
  /** Device id → its problems (devices with none are left out). */
  deviceConflicts: z.record(z.string(), z.array(Conflict)),
});
export type NetworkState = z.infer<typeof NetworkState>;
