/** English strings for address problems (conflict badges and their explanations), shared by every feature. */
export const networkEn = {
  'network.badge.duplicate-ip': 'Duplicate IP',
  'network.badge.outside-subnet': 'Other subnet',
  'network.badge.same-as-pc': 'Same IP as PC',
  'network.badge.wrong-gateway': 'Wrong gateway',
  'network.explain.duplicate-ip': '{ip} is answered by {count} devices ({macs}): commands may reach the wrong one.',
  'network.explain.outside-subnet':
    '{ip} is in none of this PC’s subnets ({subnets}): the PC cannot reach it until it is readdressed.',
  'network.explain.same-as-pc': '{ip} is this PC’s own address (on {interface}): the camera and the PC collide.',
  'network.explain.wrong-gateway':
    'Its gateway {gateway} is outside its subnet {subnet}: it will not answer from other networks.',
  'network.noSubnets': 'it has none',
  'network.problems': 'Address problems',
  'network.repair': 'Repair…',
  'network.repairLabel': 'Repair the address of {name}',
} as const;
