import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { DICTIONARIES, LANGUAGES, createTranslator, loadLanguage, saveLanguage, translate } from './i18n';
import { zhCN } from './zh-cn';

const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('dictionaries', () => {
  it('zh-CN has exactly the English keys', () => {
    expect(Object.keys(zhCN).sort()).toEqual(Object.keys(en).sort());
  });

  it.each(LANGUAGES)('%s uses the same placeholders as English and no empty text', (language) => {
    const dict = DICTIONARIES[language];
    for (const key of Object.keys(en) as MessageKey[]) {
      expect(dict[key].trim(), key).not.toBe('');
      expect(placeholders(dict[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('zh-CN is actually translated (not a copy of English)', () => {
    expect(zhCN['safety.stopAll']).not.toBe(en['safety.stopAll']);
    expect(zhCN['devices.status.online']).toBe('在线');
  });
});

describe('translate', () => {
  it('fills placeholders', () => {
    expect(translate('en', 'devices.latency', { ms: 12 })).toBe('12 ms');
    expect(translate('zh-CN', 'safety.stopAllSent', { count: 3 })).toBe('已向 3 台摄像机发送停止');
  });

  it('returns text without placeholders as is', () => {
    expect(createTranslator('en')('safety.stopAll')).toBe('STOP ALL');
    expect(createTranslator('zh-CN')('safety.stopAll')).toBe('全部停止');
  });

  it('checks keys and parameters at compile time', () => {
    const t = createTranslator('en');
    // @ts-expect-error: not a message key
    expect(t('no.such.key')).toBeUndefined();
    // @ts-expect-error: `ms` is required
    expect(t('devices.latency')).toBe('{ms} ms');
    // @ts-expect-error: this message takes no parameters
    expect(t('safety.stopAll', { x: 1 })).toBe('STOP ALL');
  });
});

describe('language preference', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
  };

  it('remembers the choice', () => {
    const storage = memory();
    saveLanguage(storage, 'zh-CN');
    expect(loadLanguage(storage, ['en-US'])).toBe('zh-CN');
  });

  it('falls back to the browser preference, then English', () => {
    expect(loadLanguage(memory(), ['zh-TW', 'en'])).toBe('zh-CN');
    expect(loadLanguage(memory(), ['de-DE'])).toBe('en');
  });

  it('ignores a stored value that is not a language, and storage that throws', () => {
    const storage = memory();
    storage.setItem('ptz.language', 'klingon');
    expect(loadLanguage(storage, ['en'])).toBe('en');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(loadLanguage(broken, ['zh-CN'])).toBe('zh-CN');
  });
});
