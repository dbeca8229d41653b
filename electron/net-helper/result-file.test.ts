import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runHelperCli } from './net-helper';
import { splitResultFile, writeResultFile } from './result-file';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ptz-result-test-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--result-file', () => {
  it('splits a leading --result-file off the verb arguments; without it nothing changes', () => {
    const file = path.join(dir, 'ptz-helper-abc.json');
    expect(splitResultFile(['--result-file', file, 'list', 'lo'])).toEqual({ resultFile: file, rest: ['list', 'lo'] });
    expect(splitResultFile(['list', 'lo'])).toEqual({ resultFile: null, rest: ['list', 'lo'] });
  });

  it('refuses a relative path, a missing path and any other file name', () => {
    expect(() => splitResultFile(['--result-file'])).toThrow(/needs a path/);
    expect(() => splitResultFile(['--result-file', 'ptz-helper-a.json', 'list', 'lo'])).toThrow(/absolute/);
    expect(() => splitResultFile(['--result-file', '/etc/passwd', 'list', 'lo'])).toThrow(/ptz-helper-<id>\.json/);
    expect(() => splitResultFile(['--result-file', path.join(dir, 'ptz-helper-a.json.sh')])).toThrow(/ptz-helper/);
  });

  it('never writes through an existing file or a symlink', async () => {
    const existing = path.join(dir, 'ptz-helper-old.json');
    await writeFile(existing, 'keep me');
    expect(() => writeResultFile(existing, { exitCode: 0, output: {} })).toThrow(/EEXIST/);
    expect(await readFile(existing, 'utf8')).toBe('keep me');
    const target = path.join(dir, 'victim');
    await writeFile(target, 'victim');
    const link = path.join(dir, 'ptz-helper-link.json');
    await symlink(target, link);
    expect(() => writeResultFile(link, { exitCode: 0, output: {} })).toThrow(/EEXIST/);
    expect(await readFile(target, 'utf8')).toBe('victim');
  });

  it('leaves the JSON line and the exit code in the file, and still prints the line', async () => {
    const file = path.join(dir, 'ptz-helper-1.json');
    const printed: string[] = [];
    const code = await runHelperCli(['--result-file', file, 'remove-alias', 'lo', '127.0.0.1/8'], (l) =>
      printed.push(l),
    );
    expect(code).toBe(3);
    const content = JSON.parse(await readFile(file, 'utf8')) as { exitCode: number; output: unknown };
    expect(content).toEqual({ exitCode: 3, output: JSON.parse(printed[0]!) as unknown });
    expect(content.output).toMatchObject({ ok: false, error: 'refused' });
  });

  it('answers a bad --result-file with an invalid-argument result (exit 2) and writes nothing', async () => {
    const printed: string[] = [];
    const code = await runHelperCli(['--result-file', 'relative.json', 'list', 'lo'], (l) => printed.push(l));
    expect(code).toBe(2);
    expect(JSON.parse(printed[0]!)).toMatchObject({ ok: false, error: 'invalid-argument', message: /absolute/ });
  });
});

describe('--result-file without a usable stdout', () => {
  it('still leaves the result when printing throws (a GUI process elevated by UAC has no console)', async () => {
    const file = path.join(dir, 'ptz-helper-noconsole.json');
    const code = await runHelperCli(['--result-file', file, 'list', 'lo'], () => {
      throw new Error('EBADF: bad file descriptor, write');
    });
    expect(code).toBe(0);
    const content = JSON.parse(await readFile(file, 'utf8')) as { exitCode: number; output: unknown };
    expect(content).toMatchObject({ exitCode: 0, output: { ok: true, verb: 'list', interface: 'lo' } });
  });
});
