import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { IpcError } from '../../../../shared/ipc/ipc-error';
import type { DeviceState } from '../../../../shared/model/device-status';
import { createFakeClient } from '../../../test/fake-client';
import { makeDevice, makeDeviceWith } from '../../../test/fixtures';
import { createTestStore, renderWithApp } from '../../../test/render-with-app';
import type { Language } from '../../i18n/i18n';
import { DevicesPanel } from './devices-panel';

const added = makeDevice('cam-new', { name: 'Lectern', host: '192.0.2.20' });

function setup(options: { devices?: DeviceState[]; language?: Language } = {}) {
  const client = createFakeClient({ results: { devices: { add: added, update: added } } });
  const harness = renderWithApp(<DevicesPanel />, { client, store: createTestStore(options.language) });
  act(() => client.emit('devicesChanged', { type: 'init', items: options.devices ?? [makeDevice('cam-1')] }));
  return { ...harness, user: userEvent.setup() };
}

const dialog = () => screen.getByRole('dialog');
const field = (label: string) => within(dialog()).getByLabelText(label);
const problem = (name: string) => screen.queryByTestId(`device-form-error-${name}`);
/** A button inside the dialog ("Add camera" is also the name of the button that opened it). */
const dialogButton = (name: string) => within(dialog()).getByRole('button', { name });

async function openAdd(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Add camera' }));
  return dialog();
}

async function retype(user: ReturnType<typeof userEvent.setup>, label: string, text: string) {
  await user.clear(field(label));
  if (text !== '') await user.type(field(label), text);
}

describe('DeviceForm: adding', () => {
  it('opens from "Add camera", labelled, with focus on the protocol', async () => {
    const { user } = setup();
    const form = await openAdd(user);
    expect(form).toHaveAccessibleName('Add camera');
    expect(form).toHaveAttribute('aria-modal', 'true');
    expect(field('Protocol')).toHaveFocus();
    expect(field('Protocol')).toHaveValue('visca-ip');
    for (const label of ['Name', 'Host', 'Port', 'Response curve', 'Enabled (connect to this camera)']) {
      expect(field(label)).toBeInTheDocument();
    }
  });

  it('switching protocol changes the fields and their defaults', async () => {
    const { user } = setup();
    await openAdd(user);
    expect(field('Port')).toHaveValue('52381');
    expect(field('Port')).toHaveAccessibleDescription('Default 52381');

    await user.selectOptions(field('Protocol'), 'VISCA over TCP');
    expect(field('Port')).toHaveValue('5678');
    await user.selectOptions(field('Protocol'), 'visca-udp');
    expect(field('Port')).toHaveValue('1259');

    await user.selectOptions(field('Protocol'), 'Pelco-D');
    expect(within(dialog()).queryByLabelText('Host')).toBeNull();
    expect(within(dialog()).queryByLabelText('Port')).toBeNull();
    expect(field('Serial port')).toHaveAccessibleDescription(
      '/dev/serial/by-id/… survives re-plugging; COM3 on Windows',
    );
    expect(field('Baud rate')).toHaveValue('2400');
    expect(
      within(field('Baud rate'))
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['1200', '2400 (default)', '4800', '9600', '19200', '38400', '57600', '115200']);
    expect(field('Address')).toHaveValue('1');
    expect(field('Address')).toHaveAccessibleDescription('1–255, as set on the camera');

    await user.selectOptions(field('Protocol'), 'visca-serial');
    expect(field('Baud rate')).toHaveValue('9600');
    expect(field('Address')).toHaveAccessibleDescription('1–7, as set on the camera');
    await user.selectOptions(field('Protocol'), 'pelco-p');
    expect(field('Baud rate')).toHaveValue('4800');
    expect(field('Address')).toHaveAccessibleDescription('1–256, as set on the camera');
  });

  it('keeps a port the operator typed when the protocol changes', async () => {
    const { user } = setup();
    await openAdd(user);
    await retype(user, 'Port', '6000');
    await user.selectOptions(field('Protocol'), 'visca-tcp');
    expect(field('Port')).toHaveValue('6000');
  });

  it('shows each network problem next to its field and focuses the first', async () => {
    const { user, client } = setup();
    await openAdd(user);
    await user.type(field('Name'), 'Lectern');
    await user.type(field('Host'), '999.1.1.1');
    await retype(user, 'Port', '0');
    await user.click(dialogButton('Add camera'));

    expect(problem('host')).toHaveTextContent('host must be an IPv4 address (e.g. 192.0.2.10) or a host name');
    expect(problem('port')).toHaveTextContent('port must be 1–65535');
    expect(problem('name')).toBeNull();
    expect(field('Host')).toHaveAttribute('aria-invalid', 'true');
    expect(field('Host')).toHaveAccessibleDescription(
      'IPv4 address or host name, e.g. 192.0.2.10 host must be an IPv4 address (e.g. 192.0.2.10) or a host name',
    );
    expect(field('Host')).toHaveFocus();
    expect(client.devices.add).not.toHaveBeenCalled();

    // Once shown, problems follow the typing.
    await retype(user, 'Host', '192.0.2.20');
    expect(problem('host')).toBeNull();
    await retype(user, 'Port', 'abc');
    expect(problem('port')).toHaveTextContent('Enter a number');
  });

  it('shows each serial problem next to its field', async () => {
    const { user } = setup();
    await openAdd(user);
    await user.selectOptions(field('Protocol'), 'visca-serial');
    await user.type(field('Name'), 'Chain');
    await user.type(field('Serial port'), 'ttyUSB0');
    await retype(user, 'Address', '8');
    await user.keyboard('{Enter}');
    expect(problem('path')).toHaveTextContent(
      'serial port must be a device path such as /dev/serial/by-id/… or /dev/ttyUSB0, or COM3',
    );
    expect(problem('address')).toHaveTextContent('VISCA address must be 1–7');
    expect(field('Serial port')).toHaveFocus();
  });

  it('submits exactly the parsed configuration with Enter, closes and gives focus back to "Add camera"', async () => {
    const { user, client } = setup();
    await openAdd(user);
    await user.type(field('Name'), '  Lectern ');
    await user.type(field('Host'), '192.0.2.20');
    await user.type(field('Response curve'), '2{Enter}');
    expect(client.devices.add).toHaveBeenCalledTimes(1);
    expect(client.devices.add).toHaveBeenCalledWith({
      protocol: 'visca-ip',
      name: 'Lectern',
      enabled: true,
      host: '192.0.2.20',
      port: 52381,
      responseCurve: 2,
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Add camera' })).toHaveFocus();
  });

  it('Enter on the protocol select and on the checkbox submits too', async () => {
    const { user, client } = setup();
    await openAdd(user);
    await user.selectOptions(field('Protocol'), 'pelco-p');
    await user.type(field('Name'), 'Dome');
    await user.type(field('Serial port'), 'COM3');
    await user.click(field('Enabled (connect to this camera)'));
    await user.keyboard('{Enter}');
    expect(client.devices.add).toHaveBeenLastCalledWith({
      protocol: 'pelco-p',
      name: 'Dome',
      enabled: false,
      path: 'COM3',
      baudRate: 4800,
      address: 1,
    });

    await openAdd(user);
    await user.type(field('Name'), 'Wide');
    await user.type(field('Host'), 'cam-wide.local');
    field('Protocol').focus();
    await user.keyboard('{Enter}');
    expect(client.devices.add).toHaveBeenCalledTimes(2);
    expect(client.devices.add).toHaveBeenLastCalledWith(expect.objectContaining({ host: 'cam-wide.local' }));
  });

  it('shows a conflict from the core and keeps everything typed', async () => {
    const { user, client } = setup();
    const message = '"Stage left" already uses 192.0.2.10:52381 (visca-ip); one camera, one entry';
    client.devices.add.mockRejectedValueOnce(new IpcError('conflict', message));
    await openAdd(user);
    await user.type(field('Name'), 'Second');
    await user.type(field('Host'), '192.0.2.10');
    await user.type(field('Response curve'), '1.5');
    await user.click(dialogButton('Add camera'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(`Already configured: ${message}`);
    expect(dialog()).toBeInTheDocument();
    expect(field('Protocol')).toHaveValue('visca-ip');
    expect(field('Name')).toHaveValue('Second');
    expect(field('Host')).toHaveValue('192.0.2.10');
    expect(field('Port')).toHaveValue('52381');
    expect(field('Response curve')).toHaveValue('1.5');

    // Fixed and sent again: the message goes, the camera is added.
    await retype(user, 'Host', '192.0.2.11');
    await user.click(dialogButton('Add camera'));
    expect(client.devices.add).toHaveBeenCalledTimes(2);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows any other core error with what the core said', async () => {
    const { user, client } = setup();
    client.devices.add.mockRejectedValueOnce(new IpcError('invalid-payload', 'devices.add: host: host is required'));
    await openAdd(user);
    await user.type(field('Name'), 'X');
    await user.type(field('Host'), 'cam-x.local{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Not saved: devices.add: host: host is required');
    expect(field('Host')).toHaveValue('cam-x.local');
  });

  it('Cancel closes without calling the core; Tab stays inside the dialog', async () => {
    const { user, client } = setup();
    await openAdd(user);
    await user.tab({ shift: true });
    expect(dialogButton('Add camera')).toHaveFocus(); // the submit button, last
    expect(dialog()).toContainElement(document.activeElement as HTMLElement);
    await user.tab();
    expect(field('Protocol')).toHaveFocus();
    await user.click(dialogButton('Cancel'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(client.devices.add).not.toHaveBeenCalled();
  });

  it('labels fields in the current language and shows schema messages as they are', async () => {
    const { user } = setup({ language: 'zh-CN' });
    await user.click(screen.getByRole('button', { name: '添加摄像机' }));
    expect(dialog()).toHaveAccessibleName('添加摄像机');
    await user.type(field('主机'), 'bad host');
    await user.click(within(dialog()).getByRole('button', { name: '添加摄像机' }));
    expect(problem('name')).toHaveTextContent('name is required');
    expect(problem('name')).toHaveAttribute('lang', 'en');
    expect(field('名称')).toHaveFocus();
    await retype(user, '端口', 'x');
    expect(problem('port')).toHaveTextContent('请输入数字');
  });
});

describe('DeviceForm: editing', () => {
  const dome = makeDeviceWith('cam-dome', {
    protocol: 'pelco-p',
    name: 'Dome',
    enabled: true,
    path: '/dev/ttyUSB1',
    baudRate: 9600,
    address: 12,
  });

  it('pre-fills the selected camera and calls devices.update with its id', async () => {
    const { user, client } = setup({ devices: [dome] });
    await user.click(screen.getByRole('button', { name: 'Edit Dome' }));
    expect(dialog()).toHaveAccessibleName('Edit Dome');
    expect(field('Protocol')).toHaveValue('pelco-p');
    expect(field('Name')).toHaveValue('Dome');
    expect(field('Serial port')).toHaveValue('/dev/ttyUSB1');
    expect(field('Baud rate')).toHaveValue('9600');
    expect(field('Address')).toHaveValue('12');

    await retype(user, 'Name', 'Dome north');
    await user.click(dialogButton('Save'));
    expect(client.devices.update).toHaveBeenCalledWith({
      id: 'cam-dome',
      config: {
        protocol: 'pelco-p',
        name: 'Dome north',
        enabled: true,
        path: '/dev/ttyUSB1',
        baudRate: 9600,
        address: 12,
      },
    });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('button', { name: 'Edit Dome' })).toHaveFocus();
  });

  it('shows an invalid stored baud rate instead of silently replacing it', async () => {
    const odd = makeDeviceWith('cam-odd', { ...dome.config, name: 'Old dome', baudRate: 300 } as never);
    const { user, client } = setup({ devices: [odd] });
    await user.click(screen.getByRole('button', { name: 'Edit Old dome' }));
    expect(field('Baud rate')).toHaveValue('300');
    await user.click(dialogButton('Save'));
    expect(problem('baudRate')).toHaveTextContent(
      'baud rate must be one of 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200',
    );
    expect(field('Baud rate')).toHaveFocus();
    await user.selectOptions(field('Baud rate'), '4800');
    expect(problem('baudRate')).toBeNull();
    await user.click(dialogButton('Save'));
    expect(client.devices.update).toHaveBeenCalledWith({
      id: 'cam-odd',
      config: expect.objectContaining({ baudRate: 4800 }) as unknown,
    });
  });
});

describe('DeviceForm: test connection', () => {
  it('validates first, then shows the core’s answer, keyboard operable and labelled', async () => {
    const { user, client } = setup();
    client.devices.test.mockResolvedValueOnce({ ok: true, latencyMs: 12.4, detail: 'answered in 12 ms' });
    await openAdd(user);
    const button = dialogButton('Test connection');
    await user.click(button);
    expect(client.devices.test).not.toHaveBeenCalled();
    expect(problem('host')).toBeInTheDocument();

    await user.type(field('Name'), 'Probe');
    await user.type(field('Host'), '192.0.2.30');
    button.focus();
    await user.keyboard('{Enter}');
    expect(await within(dialog()).findByRole('status')).toHaveTextContent('Answered in 12 ms');
    expect(button).toHaveAccessibleDescription('Answered in 12 ms');
    expect(client.devices.test).toHaveBeenLastCalledWith({
      config: expect.objectContaining({ protocol: 'visca-ip', host: '192.0.2.30', port: 52381 }) as unknown,
    });
    expect(client.devices.add).not.toHaveBeenCalled();

    // The verdict belongs to what was tested: an edit hides it.
    await user.type(field('Host'), '1');
    expect(within(dialog()).getByRole('status')).toHaveTextContent('');
  });

  it('shows "Testing…" while waiting, then the failure detail', async () => {
    const { user, client } = setup();
    let answer: (r: { ok: boolean; latencyMs: number | null; detail: string }) => void = () => undefined;
    client.devices.test.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    await openAdd(user);
    await user.type(field('Name'), 'Probe');
    await user.type(field('Host'), '192.0.2.30');
    await user.click(dialogButton('Test connection'));
    const busy = dialogButton('Testing…');
    expect(busy).toHaveAttribute('aria-disabled', 'true');
    await user.click(busy);
    expect(client.devices.test).toHaveBeenCalledTimes(1);

    await act(async () => answer({ ok: false, latencyMs: null, detail: 'connection refused' }));
    expect(within(dialog()).getByRole('status')).toHaveTextContent('No connection: connection refused');
    expect(dialogButton('Test connection')).not.toHaveAttribute('aria-disabled', 'true');
  });

  it('shows a refusal for an endpoint in use, and passes the edited device’s id', async () => {
    const { user, client } = setup({ devices: [makeDevice('cam-1', { name: 'Dome' })] });
    const message = '"Other" already uses 192.0.2.99:52381 (visca-ip); its status in the list is the test';
    client.devices.test.mockRejectedValueOnce(new IpcError('conflict', message));
    await user.click(screen.getByRole('option', { name: /Dome/ }));
    await user.click(screen.getByRole('button', { name: 'Edit Dome' }));
    await retype(user, 'Host', '192.0.2.99');
    await user.click(dialogButton('Test connection'));
    expect(await within(dialog()).findByRole('status')).toHaveTextContent(`Already configured: ${message}`);
    expect(client.devices.test).toHaveBeenLastCalledWith({
      config: expect.objectContaining({ host: '192.0.2.99' }) as unknown,
      excludeId: 'cam-1',
    });
  });

  it('speaks Chinese', async () => {
    const { user, client } = setup({ language: 'zh-CN' });
    client.devices.test.mockResolvedValueOnce({ ok: true, latencyMs: 7, detail: 'answered in 7 ms' });
    await user.click(screen.getByRole('button', { name: '添加摄像机' }));
    await user.type(within(dialog()).getByLabelText('名称'), 'Probe');
    await user.type(within(dialog()).getByLabelText('主机'), '192.0.2.30');
    await user.click(dialogButton('测试连接'));
    expect(await within(dialog()).findByRole('status')).toHaveTextContent('7 毫秒内应答');
  });
});

describe('DevicesPanel: duplicate', () => {
  it('opens the add form with the selected camera’s configuration, named "(copy)"', async () => {
    const dome = makeDeviceWith('cam-1', {
      name: 'Dome',
      protocol: 'visca-tcp',
      host: '192.0.2.44',
      port: 5678,
      enabled: true,
      responseCurve: 2,
    });
    const { user, client } = setup({ devices: [dome] });
    await user.click(screen.getByRole('option', { name: /Dome/ }));
    const duplicate = screen.getByRole('button', { name: 'Duplicate Dome' });
    await user.click(duplicate);
    expect(dialog()).toHaveAccessibleName('Add camera');
    expect(field('Protocol')).toHaveValue('visca-tcp');
    expect(field('Name')).toHaveValue('Dome (copy)');
    expect(field('Host')).toHaveValue('192.0.2.44');
    expect(field('Port')).toHaveValue('5678');
    expect(field('Response curve')).toHaveValue('2');

    await retype(user, 'Host', '192.0.2.45');
    await user.click(dialogButton('Add camera'));
    expect(client.devices.add).toHaveBeenLastCalledWith(
      expect.objectContaining({ name: 'Dome (copy)', protocol: 'visca-tcp', host: '192.0.2.45', responseCurve: 2 }),
    );
    expect(client.devices.add.mock.calls[0]![0]).not.toHaveProperty('id');
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(duplicate).toHaveFocus();
  });
});
