import { act, fireEvent, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { RepairStep } from '../../../../shared/model/repair';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { makePlan, makeSession } from '../../../test/network-fixtures';
import { renderWithApp } from '../../../test/render-with-app';
import { App } from '../../app';

function setup(state: RepairStep = { step: 'diagnose' }, overrides: Parameters<typeof makeSession>[1] = {}) {
  const client = createFakeClient({ results: { repair: { history: [] } } });
  const harness = renderWithApp(<App />, { client });
  act(() => {
    client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1')] });
    client.emit('repairChanged', makeSession(state, overrides));
  });
  const emit = (s: RepairStep, o: Parameters<typeof makeSession>[1] = {}) =>
    act(() => client.emit('repairChanged', makeSession(s, { ...overrides, ...o })));
  return { ...harness, client, emit, user: userEvent.setup() };
}

const stepStatus = (name: string) => screen.getByTestId(`repair-step-${name}`).getAttribute('data-status');

describe('Repair wizard: steps', () => {
  it('opens from repairChanged as a labelled dialog, with the camera, the stepper and the diagnosis', () => {
    setup();
    const wizard = screen.getByTestId('repair-wizard');
    expect(wizard).toHaveAccessibleName('Repair camera address');
    expect(screen.getByTestId('repair-target')).toHaveTextContent(
      'BRC-X400 at 203.0.113.68 (02:00:5e:00:53:68) on eth0',
    );
    const names = within(screen.getByTestId('repair-stepper'))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('.step-name')?.textContent);
    expect(names).toEqual(['Diagnose', 'Plan', 'Alias', 'Verify', 'Readdress', 'Confirm', 'Cleanup', 'Done']);
    expect(screen.getByTestId('repair-step-diagnose')).toHaveAttribute('aria-current', 'step');
    expect(screen.getByTestId('repair-working')).toHaveTextContent('Checking the camera and this PC’s network…');
    expect(screen.getByTestId('repair-diagnosis')).toHaveTextContent(
      'Other subnet 203.0.113.68 is in none of this PC’s subnets (198.51.100.0/24)',
    );
    expect(screen.getByRole('heading', { name: 'Repair camera address' })).toHaveFocus();
  });

  it.each([
    [{ step: 'alias' } as const, 'alias', 'Adding the temporary address 203.0.113.200 to eth0…'],
    [{ step: 'verify' } as const, 'verify', 'Checking that the camera answers through the temporary address…'],
    [{ step: 'readdress' } as const, 'readdress', 'Giving the camera its new address 198.51.100.68…'],
    [{ step: 'confirm' } as const, 'confirm', 'Waiting for the camera to answer at 198.51.100.68…'],
    [{ step: 'cleanup' } as const, 'cleanup', 'Removing the temporary address from this PC…'],
  ])('renders %j with the earlier steps complete', (state, name, text) => {
    setup(state);
    expect(screen.getByTestId('repair-working')).toHaveTextContent(text);
    expect(stepStatus(name)).toBe('current');
    expect(stepStatus('diagnose')).toBe('complete');
    expect(stepStatus('done')).toBe('todo');
    expect(screen.getByTestId('repair-cancel')).toHaveTextContent('Cancel repair');
  });

  it('done: says where the camera answers, every step complete, Close dismisses and moves focus there', async () => {
    const { client, user } = setup(
      { step: 'done', newIp: '198.51.100.68' },
      {
        target: { ip: '203.0.113.68', mac: null, interface: 'eth0', deviceId: 'cam-1', model: null },
      },
    );
    expect(screen.getByTestId('repair-done')).toHaveTextContent('The camera now answers at 198.51.100.68.');
    expect(screen.getByTestId('repair-done')).toHaveTextContent('Its camera entry now uses the new address.');
    expect(['diagnose', 'plan', 'alias', 'verify', 'readdress', 'confirm', 'cleanup', 'done'].map(stepStatus)).toEqual(
      Array(8).fill('complete'),
    );
    expect(screen.queryByTestId('repair-cancel')).toBeNull();
    expect(screen.getByTestId('repair-close')).toHaveFocus();
    await user.click(screen.getByTestId('repair-close'));
    expect(client.repair.dismiss).toHaveBeenCalledTimes(1);
    act(() => client.emit('repairChanged', null));
    expect(screen.queryByTestId('repair-wizard')).toBeNull();
  });

  it('failed after a rollback: where and why, and that the PC was restored', () => {
    const { emit } = setup({ step: 'verify' });
    emit({ step: 'rolling-back', reason: 'the camera stopped answering' });
    expect(screen.getByTestId('repair-rolling-back')).toHaveTextContent('Undoing the changes to this PC…');
    expect(screen.getByTestId('repair-rolling-back')).toHaveTextContent('Because: the camera stopped answering');
    expect(stepStatus('verify')).toBe('current'); // the step being undone
    expect(screen.getByTestId('repair-cancel')).toHaveTextContent('Cancelling…');
    expect(screen.getByTestId('repair-cancel')).toHaveAttribute('aria-disabled', 'true');

    emit({ step: 'failed', at: 'verify', error: 'no reply to ping', rolledBack: true, cancelled: false });
    const failed = screen.getByTestId('repair-failed');
    expect(failed).toHaveTextContent('The repair stopped at “Verify”.');
    expect(failed).toHaveTextContent('Why: no reply to ping');
    expect(screen.getByTestId('repair-restored')).toHaveTextContent(
      'The PC was restored: its addresses and routes are as they were before.',
    );
    expect(stepStatus('verify')).toBe('failed');
    expect(stepStatus('alias')).toBe('complete');
    expect(screen.getByTestId('repair-close')).toHaveFocus();
  });

  it('failed without a rollback says so as an alert', () => {
    setup({ step: 'failed', at: 'cleanup', error: 'helper refused', rolledBack: false, cancelled: false });
    expect(screen.getByTestId('repair-restored')).toHaveAttribute('role', 'alert');
    expect(screen.getByTestId('repair-restored')).toHaveTextContent('The PC could not be restored automatically.');
  });

  it('shows the log', async () => {
    const { user } = setup();
    await user.click(screen.getByText('Log (1)'));
    expect(screen.getByTestId('repair-log')).toHaveTextContent('camera answers IP setup at 203.0.113.68');
  });
});

describe('Repair wizard: plan', () => {
  const planState: RepairStep = {
    step: 'plan',
    checks: [{ ok: true, detail: '203.0.113.200 is free (no ARP reply)' }],
  };

  it('shows the proposed addresses, the method and the checks', () => {
    setup(planState);
    expect(screen.getByLabelText('Temporary PC address')).toHaveValue('203.0.113.200');
    expect(screen.getByLabelText('New camera address')).toHaveValue('198.51.100.68');
    expect(screen.getByLabelText('Prefix length')).toHaveValue('24');
    expect(screen.getByLabelText('Camera gateway')).toHaveValue('198.51.100.1');
    expect(screen.getByTestId('repair-method')).toHaveTextContent('Sony IP setup, addressed by MAC');
    expect(screen.getByTestId('repair-checks')).toHaveTextContent('OK203.0.113.200 is free (no ARP reply)');
    expect(stepStatus('plan')).toBe('current');
  });

  it('validates with the contract schemas before sending anything', async () => {
    const { client, user } = setup(planState);
    await user.clear(screen.getByLabelText('New camera address'));
    await user.type(screen.getByLabelText('New camera address'), '198.51.100.300');
    await user.clear(screen.getByLabelText('Prefix length'));
    await user.type(screen.getByLabelText('Prefix length'), '33');
    await user.click(screen.getByTestId('repair-proceed'));
    expect(screen.getByTestId('repair-error-target')).toHaveTextContent('must be an IPv4 address such as 192.0.2.10');
    expect(screen.getByTestId('repair-error-prefix')).toHaveTextContent('prefix must be 1–32');
    expect(screen.getByLabelText('New camera address')).toHaveFocus();
    expect(screen.getByLabelText('New camera address')).toHaveAttribute('aria-invalid', 'true');
    expect(client.repair.editPlan).not.toHaveBeenCalled();
    expect(client.repair.proceed).not.toHaveBeenCalled();

    await user.clear(screen.getByLabelText('Prefix length'));
    await user.type(screen.getByLabelText('Prefix length'), 'x');
    expect(screen.getByTestId('repair-error-prefix')).toHaveTextContent('Enter a whole number.');
  });

  it('sends each changed field, shows a refusal beside its field, and proceeds only when all were accepted', async () => {
    const { client, user, emit } = setup(planState);
    client.repair.editPlan
      .mockResolvedValueOnce(makeSession(planState)) // target accepted
      .mockRejectedValueOnce(new IpcError('conflict', '198.51.100.254 answers ARP: it is in use')); // gateway refused
    await user.clear(screen.getByLabelText('New camera address'));
    await user.type(screen.getByLabelText('New camera address'), '198.51.100.70');
    await user.clear(screen.getByLabelText('Camera gateway'));
    await user.type(screen.getByLabelText('Camera gateway'), '198.51.100.254');
    await user.click(screen.getByTestId('repair-proceed'));

    expect(client.repair.editPlan).toHaveBeenNthCalledWith(1, { targetAddress: '198.51.100.70' });
    expect(client.repair.editPlan).toHaveBeenNthCalledWith(2, { targetGateway: '198.51.100.254' });
    expect(await screen.findByTestId('repair-error-gateway')).toHaveTextContent(
      'Not accepted: 198.51.100.254 answers ARP: it is in use',
    );
    expect(screen.queryByTestId('repair-error-target')).toBeNull();
    expect(client.repair.proceed).not.toHaveBeenCalled();

    // The core's new plan arrives: the accepted field matches it, the refused one keeps what was typed.
    emit(planState, { plan: makePlan({ target: { address: '198.51.100.70', prefix: 24, gateway: '198.51.100.1' } }) });
    expect(screen.getByLabelText('New camera address')).toHaveValue('198.51.100.70');
    expect(screen.getByLabelText('Camera gateway')).toHaveValue('198.51.100.254');

    // Emptying the gateway means "none"; then Proceed.
    client.repair.editPlan.mockResolvedValue(makeSession(planState));
    await user.clear(screen.getByLabelText('Camera gateway'));
    expect(screen.queryByTestId('repair-error-gateway')).toBeNull();
    await user.click(screen.getByTestId('repair-proceed'));
    expect(client.repair.editPlan).toHaveBeenLastCalledWith({ targetGateway: null });
    expect(client.repair.proceed).toHaveBeenCalledTimes(1);
  });

  it('proceeds straight away when nothing was edited', async () => {
    const { client, user } = setup(planState);
    expect(screen.getByTestId('repair-apply')).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByTestId('repair-proceed'));
    expect(client.repair.editPlan).not.toHaveBeenCalled();
    expect(client.repair.proceed).toHaveBeenCalledTimes(1);
  });

  it('an ONVIF readdress asks for the camera login and hands it to the core before proceeding', async () => {
    const { client, user } = setup(planState, { plan: makePlan({ method: 'onvif' }) });
    expect(screen.getByTestId('repair-login')).toHaveTextContent('Camera login (ONVIF)');
    expect(screen.getByLabelText('Password')).toHaveAttribute('type', 'password');
    client.repair.setCredentials.mockRejectedValueOnce(
      new IpcError('conflict', 'credentials can only be set at the plan step (now: alias)'),
    );
    await user.type(screen.getByLabelText('User name'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'pa ss');
    await user.click(screen.getByTestId('repair-proceed'));
    expect(client.repair.setCredentials).toHaveBeenCalledWith({ username: 'admin', password: 'pa ss' });
    expect(await screen.findByTestId('repair-login-error')).toHaveTextContent(
      'Not accepted: credentials can only be set',
    );
    expect(client.repair.proceed).not.toHaveBeenCalled();

    client.repair.setCredentials.mockResolvedValueOnce(makeSession(planState));
    await user.click(screen.getByTestId('repair-proceed'));
    expect(client.repair.setCredentials).toHaveBeenCalledTimes(2);
    expect(client.repair.proceed).toHaveBeenCalledTimes(1);
  });

  it('no login fields for an IP-setup readdress', () => {
    setup(planState);
    expect(screen.queryByTestId('repair-login')).toBeNull();
  });

  it('an empty ONVIF login sends nothing (a camera without an account)', async () => {
    const { client, user } = setup(planState, { plan: makePlan({ method: 'onvif' }) });
    await user.click(screen.getByTestId('repair-proceed'));
    expect(client.repair.setCredentials).not.toHaveBeenCalled();
    expect(client.repair.proceed).toHaveBeenCalledTimes(1);
  });

  it('a plan without an alias has no alias field', () => {
    setup(planState, { plan: makePlan({ alias: null }) });
    expect(screen.queryByLabelText('Temporary PC address')).toBeNull();
    expect(screen.getByTestId('repair-no-alias')).toBeInTheDocument();
  });
});

describe('Repair wizard: cancel', () => {
  it('Cancel asks first; "Keep going" cancels nothing; yes cancels', async () => {
    const { client, user } = setup({ step: 'alias' });
    await user.click(screen.getByTestId('repair-cancel'));
    expect(screen.getByTestId('repair-confirm-cancel')).toHaveTextContent(
      'Cancel the repair? Every change to this PC is undone.',
    );
    expect(screen.getByTestId('repair-keep-going')).toHaveFocus();
    await user.click(screen.getByTestId('repair-keep-going'));
    expect(screen.queryByTestId('repair-confirm-cancel')).toBeNull();
    expect(client.repair.cancel).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('repair-cancel'));
    await user.click(screen.getByTestId('repair-confirm-yes'));
    expect(client.repair.cancel).toHaveBeenCalledTimes(1);
  });

  it('Escape is STOP ALL and only asks to cancel; a second Escape takes the question back', () => {
    const { client } = setup({ step: 'verify' });
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('repair-confirm-cancel')).toBeInTheDocument();
    expect(client.repair.cancel).not.toHaveBeenCalled();
    fireEvent.keyDown(document.activeElement ?? document.body, { key: 'Escape' });
    expect(client.motion.stopAll).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId('repair-confirm-cancel')).toBeNull();
    expect(screen.getByTestId('repair-wizard')).toBeInTheDocument();
    expect(client.repair.cancel).not.toHaveBeenCalled();
  });

  it('a cancelled repair says so, with the PC restored', () => {
    setup({ step: 'failed', at: 'alias', error: 'cancelled by the operator', rolledBack: true, cancelled: true });
    expect(screen.getByTestId('repair-failed')).toHaveTextContent('The repair was cancelled at “Alias”.');
    expect(screen.getByTestId('repair-restored')).toHaveTextContent('The PC was restored');
  });

  it('keeps Tab inside the dialog', async () => {
    const { user } = setup({ step: 'verify' });
    const wizard = screen.getByTestId('repair-wizard');
    for (let i = 0; i < 6; i++) {
      await user.tab();
      expect(wizard.contains(document.activeElement)).toBe(true);
    }
  });
});

describe('Repair wizard: manual mode', () => {
  it('walks the field steps with their live checks', async () => {
    const { client, user, emit } = setup(
      { step: 'manual', stage: 'connect', check: null },
      { plan: makePlan({ method: 'manual' }) },
    );
    expect(screen.getByTestId('repair-step-manual')).toHaveTextContent('By hand');
    expect(screen.queryByTestId('repair-step-readdress')).toBeNull();
    expect(stepStatus('manual')).toBe('current');
    const manual = screen.getByTestId('repair-manual');
    expect(manual).toHaveTextContent('Step 1 of 3');
    expect(manual).toHaveTextContent('Connect the camera');
    expect(manual).toHaveTextContent('answers at 203.0.113.68');
    expect(screen.getByTestId('repair-manual-check')).toHaveTextContent('Checking…');

    emit({ step: 'manual', stage: 'change-address', check: { ok: false, detail: 'still answers at 203.0.113.68' } });
    expect(screen.getByTestId('repair-manual')).toHaveTextContent('Step 2 of 3');
    expect(screen.getByTestId('repair-manual')).toHaveTextContent(
      'set its address to 198.51.100.68/24 (gateway: 198.51.100.1)',
    );
    expect(screen.getByTestId('repair-manual-check')).toHaveAttribute('data-ok', 'false');
    expect(screen.getByTestId('repair-manual-check')).toHaveTextContent('Problemstill answers at 203.0.113.68');

    await user.click(screen.getByTestId('repair-manual-done'));
    expect(client.repair.proceed).toHaveBeenCalledTimes(1);

    emit({ step: 'manual', stage: 'verify-new', check: { ok: true, detail: 'answers VISCA at 198.51.100.68' } });
    expect(screen.getByTestId('repair-manual')).toHaveTextContent('Check the new address');
    expect(screen.getByTestId('repair-manual-check')).toHaveAttribute('data-ok', 'true');
  });

  it('says when the temporary address will be removed, and only while there is one', () => {
    const at = new Date(2026, 10, 26, 15, 42).getTime();
    const { emit } = setup(
      { step: 'manual', stage: 'connect', check: null },
      { plan: makePlan({ method: 'manual' }), aliasExpiresAt: at },
    );
    const ttl = screen.getByTestId('repair-manual-ttl');
    expect(ttl).toHaveTextContent('temporary address 203.0.113.200 is removed at');
    expect(ttl).toHaveTextContent(new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
    emit({ step: 'manual', stage: 'connect', check: null }, { aliasExpiresAt: null });
    expect(screen.queryByTestId('repair-manual-ttl')).toBeNull();
  });

  it('shows a refused step', async () => {
    const { client, user } = setup({ step: 'manual', stage: 'connect', check: null });
    client.repair.proceed.mockRejectedValueOnce(new IpcError('conflict', 'the camera does not answer yet'));
    await user.click(screen.getByTestId('repair-manual-done'));
    expect(await screen.findByTestId('repair-error')).toHaveTextContent(
      'The console refused: the camera does not answer yet',
    );
  });
});

describe('Repair history', () => {
  it('lists finished repairs: when, camera, before, after, outcome, who', async () => {
    const client = createFakeClient({
      results: {
        repair: {
          history: [
            {
              id: 'r1',
              at: 1_700_000_000_000,
              finishedAt: 1_700_000_060_000,
              user: 'operator',
              host: 'console-1',
              target: {
                ip: '203.0.113.68',
                mac: '02:00:5e:00:53:68',
                interface: 'eth0',
                deviceId: null,
                model: 'BRC-X400',
              },
              before: { ip: '203.0.113.68', prefix: 24, gateway: null },
              after: { ip: '198.51.100.68', prefix: 24, gateway: '198.51.100.1' },
              outcome: 'done',
              method: 'ip-setup',
              pcChanges: ['added 203.0.113.200/24 on eth0', 'removed 203.0.113.200/24 from eth0'],
              log: [],
            },
          ],
        },
      },
    });
    renderWithApp(<App />, { client });
    const user = userEvent.setup();
    await user.click(screen.getByTestId('discovery-open'));
    await user.click(screen.getByTestId('discovery-history'));
    const row = await screen.findByTestId('repair-history-row-r1');
    expect(row).toHaveTextContent('BRC-X400');
    expect(row).toHaveTextContent('203.0.113.68/24');
    expect(row).toHaveTextContent('198.51.100.68/24 → 198.51.100.1');
    expect(row).toHaveTextContent('Repaired');
    expect(row).toHaveTextContent('operator on console-1');
    expect(row).toHaveTextContent('added 203.0.113.200/24 on eth0');
    await user.click(screen.getByTestId('repair-history-close'));
    expect(screen.getByTestId('discovery-pane')).toBeInTheDocument();
  });
});
