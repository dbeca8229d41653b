/** Simplified Chinese strings of the look feature: every key of lookEn, checked by the type. */
import type { lookEn } from './look.en';

export const lookZhCN: { readonly [K in keyof typeof lookEn]: string } = {
  'look.theme.light': '浅色主题',
  'look.theme.hint': '在深色和浅色主题之间切换',
  'look.search.label': '搜索摄像机',
  'look.search.placeholder': '名称、地址或协议',
  'look.search.noMatch': '没有与“{query}”匹配的摄像机。',
  'look.search.count': '显示 {shown} / {total} 台摄像机',
  'look.group.network': '网络',
  'look.group.serial': '串口',
};
