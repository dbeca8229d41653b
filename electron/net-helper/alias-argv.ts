/**
 * The OS commands the helper runs, as argument arrays built from already-validated values (never a shell
 * string). One builder per platform and mechanism; all runtime-only, so a reboot also undoes them.
 */
import { prefixToMask } from '../../shared/net/ipv4';

/** An alias change: add or remove `ip/prefix` on `iface`. */
export interface AliasChange {
  op: 'add' | 'remove';
  iface: string;
  ip: string;
  prefix: number;
}

/** Linux, interface managed by NetworkManager: a device-level change, lost on reboot, profile untouched. */
export function nmcliAliasArgv(c: AliasChange): string[] {
  return ['nmcli', 'device', 'modify', c.iface, `${c.op === 'add' ? '+' : '-'}ipv4.addresses`, `${c.ip}/${c.prefix}`];
}

/** Linux, no NetworkManager: the kernel address, runtime-only. */
export function ipAliasArgv(c: AliasChange): string[] {
  return ['ip', 'addr', c.op === 'add' ? 'add' : 'del', `${c.ip}/${c.prefix}`, 'dev', c.iface];
}

/**
 * Windows: `store=active` keeps it out of the persistent store; `skipassource=true` keeps Windows from
 * using the alias as the source address of other traffic.
 */
export function netshAliasArgv(c: AliasChange): string[] {
  return c.op === 'add'
    ? [
        'netsh',
        'interface',
        'ipv4',
        'add',
        'address',
        `name=${c.iface}`,
        `address=${c.ip}`,
        `mask=${prefixToMask(c.prefix)}`,
        'store=active',
        'skipassource=true',
      ]
    : ['netsh', 'interface', 'ipv4', 'delete', 'address', `name=${c.iface}`, `address=${c.ip}`, 'store=active'];
}

/** macOS: `ifconfig … alias` / `-alias` (runtime-only; `networksetup` would persist). */
export function ifconfigAliasArgv(c: AliasChange): string[] {
  return c.op === 'add'
    ? ['ifconfig', c.iface, 'inet', c.ip, 'netmask', prefixToMask(c.prefix), 'alias']
    : ['ifconfig', c.iface, 'inet', c.ip, '-alias'];
}

/** The argv for a change on `platform` (Node's `process.platform`), choosing nmcli when NM manages it. */
export function aliasArgv(platform: string, c: AliasChange, networkManager: boolean): string[] {
  switch (platform) {
    case 'linux':
      return networkManager ? nmcliAliasArgv(c) : ipAliasArgv(c);
    case 'win32':
      return netshAliasArgv(c);
    case 'darwin':
      return ifconfigAliasArgv(c);
    default:
      throw new RangeError(`no alias command for platform ${platform}`);
  }
}

/** `ip -j -4 addr show dev <iface>`: the interface's IPv4 addresses as JSON. */
export function ipListArgv(iface: string): string[] {
  return ['ip', '-j', '-4', 'addr', 'show', 'dev', iface];
}

/** `ip -j -4 addr show`: every IPv4 address of the PC. */
export function ipListAllArgv(): string[] {
  return ['ip', '-j', '-4', 'addr', 'show'];
}

/** RFC 5227 probe: sender 0.0.0.0, 3 probes, give up after 4 s; exit 0 = nobody answered. */
export function arpingDadArgv(iface: string, ip: string): string[] {
  return ['arping', '-D', '-I', iface, '-c', '3', '-w', '4', ip];
}

/** Whether NetworkManager manages `iface`: terse `nmcli` device list (DEVICE:STATE). */
export function nmcliDeviceStatusArgv(): string[] {
  return ['nmcli', '-t', '-f', 'DEVICE,STATE', 'device', 'status'];
}
