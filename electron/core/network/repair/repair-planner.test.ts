import { describe, expect, it } from 'vitest';
import type { NetInterface } from '../../../../shared/model/network';
import type { RepairPlan } from '../../../../shared/model/repair';
import { aliasCandidates, applyPlanEdit, chooseInterface, chooseMethod, targetCandidates } from './repair-planner';

const eth0: NetInterface = {
  name: 'eth0',
  mac: '02:00:5e:00:53:aa',
  up: true,
  addresses: [{ address: '198.51.100.10', prefix: 24 }],
  gateway: '198.51.100.1',
  managedBy: 'none',
};

describe('alias candidates', () => {
  it('start at .250 and go down, skipping the camera and taken addresses', () => {
    expect(aliasCandidates('203.0.113.68', 24, ['203.0.113.249'], 4)).toEqual([
      '203.0.113.250',
      '203.0.113.248',
      '203.0.113.247',
      '203.0.113.246',
    ]);
    expect(aliasCandidates('203.0.113.250', 24, [], 2)).toEqual(['203.0.113.249', '203.0.113.248']);
  });

  it('stay inside small subnets and never use the network or broadcast address', () => {
    // 192.0.2.64/29: hosts .65–.70; camera .68.
    expect(aliasCandidates('192.0.2.68', 29, [])).toEqual([
      '192.0.2.70',
      '192.0.2.69',
      '192.0.2.67',
      '192.0.2.66',
      '192.0.2.65',
    ]);
  });
});

describe('target candidates', () => {
  it("prefer the camera's own host number, then its neighbours, then high addresses", () => {
    expect(targetCandidates('198.51.100.10', 24, '203.0.113.68', [], 5)).toEqual([
      '198.51.100.68',
      '198.51.100.69',
      '198.51.100.67',
      '198.51.100.70',
      '198.51.100.66',
    ]);
  });

  it("skip the PC, the camera's current address, taken ones and the broadcast", () => {
    const c = targetCandidates('198.51.100.10', 24, '198.51.100.50', ['198.51.100.51', '198.51.100.49'], 40);
    expect(c[0]).toBe('198.51.100.52');
    expect(c).not.toContain('198.51.100.50');
    expect(c).not.toContain('198.51.100.10');
    expect(c).not.toContain('198.51.100.255');
    expect(c).toContain('198.51.100.254');
  });

  it('never the PC address even when it is the home slot', () => {
    expect(targetCandidates('198.51.100.10', 24, '203.0.113.10', [], 2)).toEqual(['198.51.100.11', '198.51.100.9']);
  });
});

describe('method', () => {
  it('IP-setup needs a MAC, an answer and no WRITE:off; else ONVIF; else manual', () => {
    expect(chooseMethod({ mac: '02:00:5e:00:53:01', ipSetup: true, writable: true, onvifXAddrs: [] })).toBe('ip-setup');
    expect(chooseMethod({ mac: '02:00:5e:00:53:01', ipSetup: true, writable: null, onvifXAddrs: [] })).toBe('ip-setup');
    expect(
      chooseMethod({ mac: '02:00:5e:00:53:01', ipSetup: true, writable: false, onvifXAddrs: ['http://x/onvif'] }),
    ).toBe('onvif');
    expect(chooseMethod({ mac: null, ipSetup: false, writable: null, onvifXAddrs: [] })).toBe('manual');
    expect(chooseMethod({ mac: '02:00:5e:00:53:01', ipSetup: false, writable: null, onvifXAddrs: [] })).toBe('manual');
  });
});

describe('interface choice', () => {
  const wlan: NetInterface = { ...eth0, name: 'wlan0', addresses: [{ address: '192.0.2.5', prefix: 24 }] };
  it('uses the asked one, the one on the subnet, or the only one; explains otherwise', () => {
    expect(chooseInterface('203.0.113.68', [eth0], null)).toEqual({ iface: eth0 });
    expect(chooseInterface('192.0.2.80', [eth0, wlan], null)).toEqual({ iface: wlan });
    expect(chooseInterface('203.0.113.68', [eth0, wlan], null)).toEqual({
      error: 'choose the interface the camera is cabled to (eth0, wlan0)',
    });
    expect(chooseInterface('203.0.113.68', [eth0, wlan], 'wlan0')).toEqual({ iface: wlan });
    expect(chooseInterface('203.0.113.68', [eth0], 'eth9')).toEqual({ error: 'the PC has no interface named eth9' });
    expect(chooseInterface('203.0.113.68', [{ ...eth0, up: false }], 'eth0')).toMatchObject({
      error: expect.stringMatching(/down/),
    });
  });
});

describe('plan edits', () => {
  const plan: RepairPlan = {
    interface: 'eth0',
    alias: { address: '203.0.113.250', prefix: 24 },
    target: { address: '198.51.100.68', prefix: 24, gateway: '198.51.100.1' },
    method: 'ip-setup',
  };
  const ctx = {
    cameraIp: '203.0.113.68',
    cameraPrefix: 24,
    iface: eth0,
    pcAddresses: ['198.51.100.10', '203.0.113.9'],
  };

  it('accepts addresses inside the right subnets', () => {
    expect(applyPlanEdit(plan, { aliasAddress: '203.0.113.200', targetAddress: '198.51.100.70' }, ctx)).toEqual({
      plan: {
        ...plan,
        alias: { address: '203.0.113.200', prefix: 24 },
        target: { ...plan.target, address: '198.51.100.70' },
      },
    });
  });

  it('refuses each unsafe edit with the reason', () => {
    const errs = (e: Parameters<typeof applyPlanEdit>[1]) => {
      const r = applyPlanEdit(plan, e, ctx);
      return 'errors' in r ? r.errors.join('; ') : 'accepted';
    };
    expect(errs({ aliasAddress: '192.0.2.250' })).toMatch(/not in the camera's subnet 203.0.113.0\/24/);
    expect(errs({ aliasAddress: '203.0.113.68' })).toMatch(/the camera's own address/);
    expect(errs({ aliasAddress: '203.0.113.255' })).toMatch(/network or broadcast/);
    expect(errs({ aliasAddress: '203.0.113.9' })).toMatch(/already an address of this PC/);
    expect(errs({ targetAddress: '198.51.100.10' })).toMatch(/is an address of this PC/);
    expect(errs({ targetAddress: '203.0.113.70' })).toMatch(/not in the PC's subnet 198.51.100.0\/24/);
    expect(errs({ targetGateway: '192.0.2.1' })).toMatch(/gateway 192.0.2.1 is not in/);
    expect(errs({ targetGateway: null })).toBe('accepted');
    expect(applyPlanEdit({ ...plan, alias: null }, { aliasAddress: '203.0.113.1' }, ctx)).toMatchObject({
      errors: [expect.stringMatching(/needs no temporary address/)],
    });
  });
});
