import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice } from '../../../test/fixtures';
import { makeCamera, makeInterface, makeNetwork, makeScan, makeSession } from '../../../test/network-fixtures';
import { renderWithApp } from '../../../test/render-with-app';
import { App } from '../../app';

const unreachable = makeCamera('mac:02:00:5e:00:53:68', {
  mac: '02:00:5e:00:53:68',
  ip: '203.0.113.68',
  name: null,
  model: 'BRC-X400',
  interface: 'eth0',
  reachable: false,
  endpoints: [{ protocol: 'visca-ip', host: '203.0.113.68', port: 52381 }],
  conflicts: [{ kind: 'outside-subnet', ip: '203.0.113.68', pcSubnets: ['198.51.100.0/24'] }],
});
const healthy = makeCamera('mac:02:00:5e:00:53:20');

async function setup() {
  const client = createFakeClient({ results: { discovery: { start: { scanId: 'scan-1' } } } });
  const harness = renderWithApp(<App />, { client });
  act(() => {
    client.emit('devicesChanged', { type: 'init', items: [makeDevice('cam-1')] });
    client.emit(
      'networkChanged',
      makeNetwork({
        interfaces: [
          makeInterface(),
          makeInterface({ name: 'eth1', up: false, addresses: [], mac: null, gateway: null }),
        ],
      }),
    );
  });
  const user = userEvent.setup();
  await user.click(screen.getByTestId('discovery-open'));
  const pane = screen.getByTestId('discovery-pane');
  return { ...harness, client, user, pane };
}

describe('Discovery pane', () => {
  it('opens from the header as a labelled dialog listing the PC interfaces and every method', async () => {
    const { pane } = await setup();
    expect(pane).toHaveAttribute('role', 'dialog');
    expect(pane).toHaveAccessibleName('Discover cameras');
    const nics = within(screen.getByTestId('discovery-interfaces'));
    expect(nics.getByRole('checkbox', { name: /eth0 198\.51\.100\.10\/24/ })).not.toBeChecked();
    expect(nics.getByRole('checkbox', { name: /eth1 down/ })).toBeInTheDocument();
    for (const name of ['Sony IP setup', 'Subnet sweep', 'ONVIF WS-Discovery', 'Serial ports']) {
      expect(screen.getByRole('checkbox', { name })).toBeChecked();
    }
    expect(screen.getByLabelText('Sweep ports')).toHaveValue('52381, 5678, 1259, 80, 8899');
  });

  it('starts a scan with the chosen interface, methods and ports', async () => {
    const { client, user } = await setup();
    await user.click(screen.getByTestId('discovery-interface-eth0'));
    await user.click(screen.getByRole('checkbox', { name: 'Serial ports' }));
    await user.clear(screen.getByLabelText('Sweep ports'));
    await user.type(screen.getByLabelText('Sweep ports'), '52381, 80');
    await user.click(screen.getByTestId('discovery-start'));
    expect(client.discovery.start).toHaveBeenCalledWith({
      interfaces: ['eth0'],
      methods: ['ip-setup', 'sweep', 'ws-discovery'],
      ports: [52381, 80],
    });
  });

  it('refuses bad sweep ports and no method, beside the fields, without calling the core', async () => {
    const { client, user } = await setup();
    await user.clear(screen.getByLabelText('Sweep ports'));
    await user.type(screen.getByLabelText('Sweep ports'), '80, 70000');
    await user.click(screen.getByTestId('discovery-start'));
    expect(screen.getByTestId('discovery-error-ports')).toHaveTextContent('“70000” is not a port number (1–65535).');
    expect(screen.getByLabelText('Sweep ports')).toHaveFocus();
    expect(screen.getByLabelText('Sweep ports')).toHaveAttribute('aria-invalid', 'true');

    for (const name of ['Sony IP setup', 'Subnet sweep', 'ONVIF WS-Discovery', 'Serial ports']) {
      await user.click(screen.getByRole('checkbox', { name }));
    }
    await user.click(screen.getByTestId('discovery-start'));
    expect(screen.getByTestId('discovery-error-methods')).toHaveTextContent('Choose at least one method.');
    expect(screen.queryByTestId('discovery-error-ports')).toBeNull(); // no sweep, so the ports do not matter
    expect(client.discovery.start).not.toHaveBeenCalled();
  });

  it('shows the core refusing to start', async () => {
    const { client, user } = await setup();
    client.discovery.start.mockRejectedValueOnce(new IpcError('unsupported', 'arping is missing'));
    await user.click(screen.getByTestId('discovery-start'));
    expect(await screen.findByTestId('discovery-error')).toHaveTextContent('The scan did not start: arping is missing');
  });

  it('shows live per-method progress and cancels a running scan', async () => {
    const { client, user } = await setup();
    expect(screen.getByTestId('discovery-cancel')).toHaveAttribute('aria-disabled', 'true');
    await user.click(screen.getByTestId('discovery-cancel'));
    expect(client.discovery.cancel).not.toHaveBeenCalled();

    act(() => client.emit('discoveryChanged', makeScan({ cameras: [healthy] })));
    expect(screen.getByTestId('discovery-status')).toHaveTextContent('Scanning… 1 found so far.');
    const sweep = screen.getByTestId('discovery-progress-sweep');
    expect(sweep).toHaveAttribute('data-state', 'running');
    expect(sweep).toHaveTextContent('Running · 300 of 1270');
    expect(within(sweep).getByRole('progressbar', { name: 'Subnet sweep' })).toHaveAttribute('value', '300');
    expect(screen.getByTestId('discovery-progress-serial')).toHaveTextContent('Failed');
    expect(screen.getByTestId('discovery-progress-serial')).toHaveTextContent('no serial ports');
    expect(screen.getByTestId('discovery-start')).toHaveAttribute('aria-disabled', 'true');

    await user.click(screen.getByTestId('discovery-cancel'));
    expect(client.discovery.cancel).toHaveBeenCalledTimes(1);

    act(() =>
      client.emit(
        'discoveryChanged',
        makeScan({
          state: 'cancelled',
          methods: [{ method: 'sweep', state: 'cancelled', done: 400, total: 1270, detail: null }],
          cameras: [healthy],
        }),
      ),
    );
    expect(screen.getByTestId('discovery-status')).toHaveTextContent('Cancelled: 1 found before the cancel.');
    expect(screen.getByTestId('discovery-progress-sweep')).toHaveAttribute('data-state', 'cancelled');
    expect(screen.getByTestId('discovery-cancel')).toHaveAttribute('aria-disabled', 'true');
  });

  it('lists each camera with address, MAC, interface, methods, endpoints, reachability and explained conflicts', async () => {
    const { client } = await setup();
    act(() => client.emit('discoveryChanged', makeScan({ state: 'done', cameras: [healthy, unreachable] })));
    const good = screen.getByTestId(`discovery-row-${healthy.id}`);
    expect(good).toHaveTextContent('CAM-20');
    expect(good).toHaveTextContent('198.51.100.20/24');
    expect(good).toHaveTextContent('02:00:5e:00:53:aa');
    expect(good).toHaveTextContent('Sony IP setup');
    expect(good).toHaveTextContent('VISCA over IP 198.51.100.20:52381');
    expect(within(good).getByTestId('discovery-reach')).toHaveTextContent('Reachable');
    expect(within(good).queryByTestId('discovery-repair')).toBeNull();

    const bad = screen.getByTestId(`discovery-row-${unreachable.id}`);
    expect(bad).toHaveTextContent('BRC-X400');
    expect(within(bad).getByTestId('discovery-reach')).toHaveTextContent('Not reachable from this PC');
    expect(within(bad).getByTestId('discovery-conflicts')).toHaveTextContent('Other subnet');
    expect(within(bad).getByTestId('discovery-explain-outside-subnet')).toHaveTextContent(
      '203.0.113.68 is in none of this PC’s subnets (198.51.100.0/24): the PC cannot reach it until it is readdressed.',
    );
  });

  it('"Add" opens the add-device form pre-filled with the best endpoint, and comes back after saving', async () => {
    const { client, user } = await setup();
    client.devices.add.mockResolvedValueOnce(makeDevice('cam-new', { name: 'CAM-20', host: '198.51.100.20' }));
    act(() => client.emit('discoveryChanged', makeScan({ state: 'done', cameras: [healthy] })));
    await user.click(screen.getByRole('button', { name: 'Add CAM-20 to the cameras' }));

    expect(screen.queryByTestId('discovery-pane')).toBeNull();
    const form = screen.getByTestId('device-form');
    expect(within(form).getByTestId('device-form-protocol')).toHaveValue('visca-ip');
    expect(within(form).getByTestId('device-form-name')).toHaveValue('CAM-20');
    expect(within(form).getByTestId('device-form-host')).toHaveValue('198.51.100.20');
    expect(within(form).getByTestId('device-form-port')).toHaveValue('52381');
    await user.click(within(form).getByTestId('device-form-submit'));
    expect(client.devices.add).toHaveBeenCalledWith(
      expect.objectContaining({ protocol: 'visca-ip', name: 'CAM-20', host: '198.51.100.20', port: 52381 }),
    );
    expect(await screen.findByTestId('discovery-pane')).toBeInTheDocument();
    expect(screen.queryByTestId('device-form')).toBeNull();
  });

  it('"Add" on a serial camera fills port, baud rate and address', async () => {
    const { client, user } = await setup();
    const serial = makeCamera('serial:/dev/ttyUSB0#2', {
      ip: null,
      mac: null,
      prefix: null,
      interface: null,
      name: null,
      model: null,
      foundBy: ['serial'],
      endpoints: [{ protocol: 'pelco-d', path: '/dev/ttyUSB0', baud: 2400, address: 2 }],
    });
    act(() => client.emit('discoveryChanged', makeScan({ state: 'done', cameras: [serial] })));
    await user.click(screen.getByRole('button', { name: 'Add Unknown camera to the cameras' }));
    const form = screen.getByTestId('device-form');
    expect(within(form).getByTestId('device-form-protocol')).toHaveValue('pelco-d');
    expect(within(form).getByTestId('device-form-path')).toHaveValue('/dev/ttyUSB0');
    expect(within(form).getByTestId('device-form-baudRate')).toHaveValue('2400');
    expect(within(form).getByTestId('device-form-address')).toHaveValue('2');
    expect(within(form).getByTestId('device-form-name')).toHaveValue('Unknown camera');
  });

  it('"Repair…" starts the wizard for the camera, which then replaces the pane', async () => {
    const { client, user } = await setup();
    client.repair.start.mockResolvedValueOnce(makeSession({ step: 'diagnose' }));
    act(() => client.emit('discoveryChanged', makeScan({ state: 'done', cameras: [healthy, unreachable] })));
    await user.click(screen.getByRole('button', { name: 'Repair the address of BRC-X400' }));
    expect(client.repair.start).toHaveBeenCalledWith({
      ip: '203.0.113.68',
      mac: '02:00:5e:00:53:68',
      interface: 'eth0',
    });
    // The wizard follows repairChanged, not the reply.
    expect(screen.getByTestId('discovery-pane')).toBeInTheDocument();
    act(() => client.emit('repairChanged', makeSession({ step: 'diagnose' })));
    expect(screen.queryByTestId('discovery-pane')).toBeNull();
    expect(screen.getByTestId('repair-wizard')).toBeInTheDocument();
    // Closing the finished repair returns to the pane.
    act(() => client.emit('repairChanged', null));
    expect(screen.getByTestId('discovery-pane')).toBeInTheDocument();
  });

  it('shows a refused repair in the pane', async () => {
    const { client, user } = await setup();
    client.repair.start.mockRejectedValueOnce(new IpcError('conflict', 'a repair is already running'));
    act(() => client.emit('discoveryChanged', makeScan({ state: 'done', cameras: [unreachable] })));
    await user.click(screen.getByTestId('discovery-repair'));
    expect(await screen.findByTestId('discovery-error')).toHaveTextContent(
      'The repair did not start: a repair is already running',
    );
  });

  it('Escape closes the pane and still stops every camera', async () => {
    const { client, user } = await setup();
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('discovery-pane')).toBeNull();
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
  });
});
