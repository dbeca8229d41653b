import { describe, expect, it, vi } from 'vitest';
import { readWebToken, tokenFromHash, webSocketUrl, type TokenEnvironment } from './web-token';

function env(hash: string, stored: Record<string, string> = {}) {
  const storage = new Map(Object.entries(stored));
  const replaceState = vi.fn();
  const e: TokenEnvironment = {
    location: { hash, pathname: '/', search: '?x=1' },
    sessionStorage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    history: { replaceState, state: null },
  };
  return { env: e, storage, replaceState };
}

describe('web token', () => {
  it('parses the fragment', () => {
    expect(tokenFromHash('#token=abc123')).toBe('abc123');
    expect(tokenFromHash('#lang=en&token=a%2Bb')).toBe('a+b');
    expect(tokenFromHash('#token=')).toBeNull();
    expect(tokenFromHash('')).toBeNull();
  });

  it('remembers the token for this tab and takes it out of the address bar', () => {
    const { env: e, storage, replaceState } = env('#token=s3cret');
    expect(readWebToken(e)).toBe('s3cret');
    expect(storage.get('ptz.webToken')).toBe('s3cret');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/?x=1');
  });

  it('falls back to the remembered token after the hash changed', () => {
    const { env: e, replaceState } = env('#settings', { 'ptz.webToken': 'kept' });
    expect(readWebToken(e)).toBe('kept');
    expect(replaceState).not.toHaveBeenCalled();
    expect(readWebToken(env('').env)).toBeNull();
  });

  it('builds the WebSocket URL for the page origin', () => {
    expect(webSocketUrl({ protocol: 'http:', host: '127.0.0.1:8123' }, 'a b')).toBe(
      'ws://127.0.0.1:8123/ws?token=a%20b',
    );
    expect(webSocketUrl({ protocol: 'https:', host: 'console.local' }, null)).toBe('wss://console.local/ws');
  });
});
