/** Simplified Chinese strings. Typed as a full `Dictionary`: a missing key is a compile error. */
import type { Dictionary } from './en';

export const zhCN: Dictionary = {
  'app.title': 'PTZ 控制台',
  'app.language': '语言',

  'connection.connecting': '正在连接摄像机服务…',
  'connection.closed': '与摄像机服务的连接已断开，正在重新连接…',
  'connection.open': '已连接',

  'safety.stopAll': '全部停止',
  'safety.stopAllHint': '停止所有摄像机（Esc）',
  'safety.stopAllSent': '已向 {count} 台摄像机发送停止',
  'safety.stopAllFailed': '全部停止失败：{message}',
  'safety.stopFailed': '停止失败：{message}',
  'safety.dismiss': '关闭',

  'devices.title': '摄像机',
  'devices.listLabel': '摄像机：用方向键选择，按 Enter 开始控制',
  'devices.empty': '尚未配置摄像机。',
  'devices.moving': '运动中',
  'devices.latency': '{ms} 毫秒',
  'devices.address': '{protocol} · {endpoint}',
  'devices.status.online': '在线',
  'devices.status.connecting': '连接中',
  'devices.status.offline': '离线',
  'devices.status.error': '错误',
  'devices.status.disabled': '已停用',
  'devices.protocol.visca-ip': 'VISCA over IP',
  'devices.protocol.visca-tcp': 'VISCA（TCP）',
  'devices.protocol.visca-udp': 'VISCA（UDP）',
  'devices.protocol.visca-serial': 'VISCA 串口',
  'devices.protocol.pelco-d': 'Pelco-D',
  'devices.protocol.pelco-p': 'Pelco-P',

  'control.title': '控制',
  'control.noSelection': '请选择一台摄像机进行控制。',
  'control.selected': '正在控制 {name}',

  'joystick.label': '{name} 的水平/俯仰摇杆',
  'joystick.labelNone': '水平/俯仰摇杆（未选择摄像机）',
  'joystick.help': '拖动摇杆，或按住方向键（按住 Shift 为全速）。松开即停止。',

  'lens.title': '位置',
  'lens.pan': '水平',
  'lens.tilt': '俯仰',
  'lens.zoom': '变焦',
  'lens.unknown': '—',
  'lens.degrees': '{value}°',
  'lens.ratio': '{value}×',
};
