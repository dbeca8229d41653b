/** Simplified Chinese strings for address problems: every key of networkEn, checked by the type. */
import type { networkEn } from './network.en';

export const networkZhCN: { readonly [K in keyof typeof networkEn]: string } = {
  'network.badge.duplicate-ip': 'IP 重复',
  'network.badge.outside-subnet': '不在本网段',
  'network.badge.same-as-pc': '与电脑同 IP',
  'network.badge.wrong-gateway': '网关错误',
  'network.explain.duplicate-ip': '{ip} 有 {count} 台设备应答（{macs}）：命令可能发给错误的设备。',
  'network.explain.outside-subnet': '{ip} 不在本电脑的任何网段内（{subnets}）：改地址之前电脑无法访问它。',
  'network.explain.same-as-pc': '{ip} 是本电脑自己的地址（{interface}）：摄像机与电脑地址冲突。',
  'network.explain.wrong-gateway': '它的网关 {gateway} 不在它的网段 {subnet} 内：其他网络无法访问它。',
  'network.noSubnets': '本电脑没有网段',
  'network.problems': '地址问题',
  'network.repair': '修复…',
  'network.repairLabel': '修复 {name} 的地址',
};
