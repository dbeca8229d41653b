import { act, fireEvent, screen, within } from '@testing-library/react';
import { Profiler } from 'react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { makeDevice, makeDeviceWith, makePosition } from '../../../test/fixtures';
import { createTestStore, renderWithApp } from '../../../test/render-with-app';
import { useStopAll, useStopAllHotkey } from '../safety/use-stop-all';
import { DeviceList } from './device-list';

const devices = () => [
  makeDevice('cam-1', { name: 'Stage left', host: '192.0.2.11', latencyMs: 12.4 }),
  makeDevice('cam-2', {
    name: 'Stage right',
    host: '192.0.2.12',
    status: 'offline',
    statusDetail: 'No reply for 3 s',
    latencyMs: null,
  }),
  makeDevice('cam-3', { name: 'Wide', status: 'disabled', latencyMs: null }),
];

function setup(onConfirm = vi.fn(), store = createTestStore()) {
  const harness = renderWithApp(<DeviceList onConfirm={onConfirm} />, { store });
  act(() => harness.client.emit('devicesChanged', { type: 'init', items: devices() }));
  return { ...harness, onConfirm, list: screen.getByTestId('device-list') };
}

const row = (id: string) => screen.getByTestId(`device-row-${id}`);

describe('DeviceList', () => {
  it('shows each camera with status word, address and latency', () => {
    setup();
    expect(within(row('cam-1')).getByText('Stage left')).toBeInTheDocument();
    expect(within(row('cam-1')).getByText('VISCA over IP · 192.0.2.11:52381')).toBeInTheDocument();
    expect(within(row('cam-1')).getByText('12 ms')).toBeInTheDocument();
    expect(screen.getByTestId('device-status-cam-1')).toHaveAttribute('data-status', 'online');
    expect(screen.getByTestId('device-status-cam-1')).toHaveTextContent('Online');

    const offline = screen.getByTestId('device-status-cam-2');
    expect(offline).toHaveAttribute('data-status', 'offline');
    expect(offline).toHaveTextContent('Offline');
    expect(offline).toHaveAttribute('title', 'No reply for 3 s');
    expect(within(row('cam-2')).getByText('No reply for 3 s')).toBeInTheDocument();
    expect(screen.getByTestId('device-status-cam-3')).toHaveAttribute('data-status', 'disabled');
  });

  it('follows live updates: status, moving, removal', () => {
    const { client } = setup();
    expect(screen.queryByTestId('device-moving-cam-1')).toBeNull();
    act(() =>
      client.emit('devicesChanged', {
        type: 'update',
        item: makeDevice('cam-1', { name: 'Stage left', moving: true }),
      }),
    );
    expect(screen.getByTestId('device-moving-cam-1')).toHaveTextContent('Moving');
    expect(row('cam-1')).toHaveAttribute('data-moving', 'true');

    act(() => client.emit('devicesChanged', { type: 'update', item: makeDevice('cam-2', { status: 'connecting' }) }));
    expect(screen.getByTestId('device-status-cam-2')).toHaveAttribute('data-status', 'connecting');

    act(() => client.emit('devicesChanged', { type: 'remove', id: 'cam-3' }));
    expect(screen.queryByTestId('device-row-cam-3')).toBeNull();
  });

  it('selects with a click', async () => {
    setup();
    expect(row('cam-1')).toHaveAttribute('aria-selected', 'true');
    await userEvent.click(within(row('cam-2')).getByText('Stage right'));
    expect(row('cam-2')).toHaveAttribute('aria-selected', 'true');
    expect(row('cam-1')).toHaveAttribute('aria-selected', 'false');
  });

  it('selects with ArrowUp/ArrowDown/Home/End and confirms with Enter', async () => {
    const { list, onConfirm, store } = setup();
    const user = userEvent.setup();
    await user.tab(); // the search box comes first
    expect(screen.getByTestId('device-search')).toHaveFocus();
    await user.tab();
    expect(list).toHaveFocus();
    expect(list).toHaveAttribute('aria-activedescendant', row('cam-1').id);

    await user.keyboard('{ArrowDown}');
    expect(row('cam-2')).toHaveAttribute('aria-selected', 'true');
    expect(list).toHaveAttribute('aria-activedescendant', row('cam-2').id);
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(store.getState().selectedId).toBe('cam-3');
    await user.keyboard('{ArrowUp}');
    expect(store.getState().selectedId).toBe('cam-2');
    await user.keyboard('{Home}');
    expect(store.getState().selectedId).toBe('cam-1');
    await user.keyboard('{End}');
    expect(store.getState().selectedId).toBe('cam-3');

    expect(onConfirm).not.toHaveBeenCalled();
    await user.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('does not re-render for position-only updates', () => {
    const onRender = vi.fn();
    const { client } = renderWithApp(
      <Profiler id="list" onRender={onRender}>
        <DeviceList />
      </Profiler>,
    );
    act(() => client.emit('devicesChanged', { type: 'init', items: devices() }));
    onRender.mockClear();
    const moved = (pan: number) =>
      makeDevice('cam-1', { name: 'Stage left', host: '192.0.2.11', latencyMs: 12.4, position: makePosition({ pan }) });
    act(() => client.emit('devicesChanged', { type: 'update', item: moved(0.2) }));
    act(() => client.emit('devicesChanged', { type: 'update', item: moved(0.3) }));
    expect(onRender).not.toHaveBeenCalled();
    // …but a visible change does render.
    act(() => client.emit('devicesChanged', { type: 'update', item: makeDevice('cam-1', { moving: true }) }));
    expect(onRender).toHaveBeenCalled();
  });

  it('shows the protocol and endpoint of every protocol', () => {
    const { client } = renderWithApp(<DeviceList />);
    const net = { enabled: true, host: 'cam.local' } as const;
    const serial = { enabled: true, path: '/dev/ttyUSB0' } as const;
    const items = [
      makeDeviceWith('a', { ...net, protocol: 'visca-ip', name: 'A', port: 52381 }),
      makeDeviceWith('b', { ...net, protocol: 'visca-tcp', name: 'B', port: 5678 }),
      makeDeviceWith('c', { ...net, protocol: 'visca-udp', name: 'C', port: 1259 }),
      makeDeviceWith('d', { ...serial, protocol: 'visca-serial', name: 'D', baudRate: 9600, address: 2 }),
      makeDeviceWith('e', { ...serial, protocol: 'pelco-d', name: 'E', baudRate: 2400, address: 200 }),
      makeDeviceWith('f', { ...serial, protocol: 'pelco-p', name: 'F', baudRate: 4800, address: 256 }),
    ];
    act(() => client.emit('devicesChanged', { type: 'init', items }));
    expect(screen.getAllByRole('option').map((o) => o.querySelector('.device-address')?.textContent)).toEqual([
      'VISCA over IP · cam.local:52381',
      'VISCA over TCP · cam.local:5678',
      'VISCA over UDP · cam.local:1259',
      'VISCA serial · /dev/ttyUSB0 #2',
      'Pelco-D · /dev/ttyUSB0 #200',
      'Pelco-P · /dev/ttyUSB0 #256',
    ]);
  });

  it('says so when there are no cameras', () => {
    renderWithApp(<DeviceList />);
    expect(screen.getByTestId('device-list-empty')).toHaveTextContent('No cameras configured.');
  });

  it('is translated', () => {
    const store = createTestStore('zh-CN');
    setup(vi.fn(), store);
    expect(screen.getByTestId('device-status-cam-2')).toHaveTextContent('离线');
    expect(screen.getByTestId('device-list')).toHaveAccessibleName('摄像机：用方向键选择，按 Enter 开始控制');
    fireEvent.keyDown(screen.getByTestId('device-list'), { key: 'ArrowDown' });
    expect(store.getState().selectedId).toBe('cam-2');
  });

  it('shows the cameras in transport groups, network first', () => {
    const { client } = renderWithApp(<DeviceList />);
    act(() =>
      client.emit('devicesChanged', {
        type: 'init',
        items: [
          makeDeviceWith('s', {
            protocol: 'pelco-d',
            name: 'Pulpit',
            enabled: true,
            path: '/dev/ttyUSB0',
            baudRate: 2400,
            address: 1,
          }),
          makeDevice('n', { name: 'Stage' }),
        ],
      }),
    );
    const network = screen.getByRole('group', { name: 'Network' });
    const serial = screen.getByRole('group', { name: 'Serial' });
    expect(
      within(network)
        .getAllByRole('option')
        .map((o) => o.id),
    ).toEqual([row('n').id]);
    expect(
      within(serial)
        .getAllByRole('option')
        .map((o) => o.id),
    ).toEqual([row('s').id]);
    expect(screen.getAllByRole('option').map((o) => o.dataset.testid)).toEqual(['device-row-n', 'device-row-s']);
  });
});

describe('DeviceList search', () => {
  /** The list beside the app's global Escape = STOP ALL handler, as in the console. */
  function WithStopAll() {
    useStopAllHotkey(useStopAll());
    return <DeviceList />;
  }

  function setupSearch() {
    const harness = renderWithApp(<WithStopAll />);
    act(() => harness.client.emit('devicesChanged', { type: 'init', items: devices() }));
    return { ...harness, search: screen.getByTestId('device-search') };
  }

  const shown = () => screen.queryAllByRole('option').map((o) => o.dataset.testid);

  it('filters by name, host and protocol, and says when nothing matches', async () => {
    const { search } = setupSearch();
    const user = userEvent.setup();
    expect(search).toHaveAccessibleName('Search cameras');
    await user.type(search, 'stage');
    expect(shown()).toEqual(['device-row-cam-1', 'device-row-cam-2']);
    expect(screen.getByTestId('device-search-count')).toHaveTextContent('2 of 3 cameras shown');
    await user.clear(search);
    await user.type(search, '192.0.2.12');
    expect(shown()).toEqual(['device-row-cam-2']);
    await user.clear(search);
    await user.type(search, 'visca over ip');
    expect(shown()).toHaveLength(3);
    await user.type(search, ' nope');
    expect(shown()).toEqual([]);
    expect(screen.getByTestId('device-list-no-match')).toHaveTextContent('No camera matches “visca over ip nope”.');
  });

  it('Escape clears the box and still sends STOP ALL', async () => {
    const { search, client, store } = setupSearch();
    const user = userEvent.setup();
    await user.type(search, 'wide');
    expect(shown()).toEqual(['device-row-cam-3']);
    expect(client.motion.stopAll).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    expect(search).toHaveValue('');
    expect(shown()).toHaveLength(3);
    expect(client.motion.stopAll).toHaveBeenCalledTimes(1);
    expect(store.getState().stopAllSeq).toBe(1);
  });

  it('arrow keys move among the visible rows only', async () => {
    const { search, store } = setupSearch();
    const user = userEvent.setup();
    await user.type(search, 'stage');
    act(() => store.getState().select('cam-3')); // selected, but filtered out
    expect(screen.getByTestId('device-list')).not.toHaveAttribute('aria-activedescendant');
    await user.tab();
    expect(screen.getByTestId('device-list')).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(store.getState().selectedId).toBe('cam-1');
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(store.getState().selectedId).toBe('cam-2'); // stops at the last visible row, not cam-3
    await user.keyboard('{Home}');
    expect(store.getState().selectedId).toBe('cam-1');
    await user.keyboard('{End}');
    expect(store.getState().selectedId).toBe('cam-2');
    expect(screen.getByTestId('device-list')).toHaveAttribute('aria-activedescendant', row('cam-2').id);
  });

  it('is translated', async () => {
    const { client } = renderWithApp(<DeviceList />, { store: createTestStore('zh-CN') });
    act(() => client.emit('devicesChanged', { type: 'init', items: devices() }));
    expect(screen.getByTestId('device-search')).toHaveAccessibleName('搜索摄像机');
    expect(screen.getByRole('group', { name: '网络' })).toBeInTheDocument();
    await userEvent.type(screen.getByTestId('device-search'), 'zzz');
    expect(screen.getByTestId('device-list-no-match')).toHaveTextContent('没有与“zzz”匹配的摄像机。');
  });
});
