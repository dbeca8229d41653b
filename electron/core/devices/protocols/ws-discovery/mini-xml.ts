/**
 * A small, strict XML reader for SOAP discovery messages: elements, attributes, text, comments,
 * processing instructions and CDATA. Namespace prefixes are kept on the name and stripped by `local()`,
 * so `d:Probe`, `wsdd:Probe` and `Probe` read alike. No DTDs or entities beyond the five predefined and
 * numeric references (a device has no business sending them, and they are how XML bombs work).
 */

export interface XmlElement {
  /** Qualified name as written (`d:Probe`). */
  name: string;
  /** Local name, prefix stripped (`Probe`). */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside this element, entity references decoded. */
  text: string;
}

/** A malformed document; `offset` is the character where reading stopped. */
export class XmlFormatError extends Error {
  override readonly name = 'XmlFormatError';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} (at character ${offset})`);
  }
}

/** Largest document accepted, characters (a ProbeMatches is a few KiB). */
export const XML_MAX_LENGTH = 256 * 1024;
const MAX_DEPTH = 64;
const NAME = /^[A-Za-z_][\w.-]*(:[A-Za-z_][\w.-]*)?$/;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

const localOf = (name: string): string => name.slice(name.indexOf(':') + 1);

function decodeEntities(s: string, at: number): string {
  return s.replace(/&([^;&\s]{0,10});/g, (m, ref: string) => {
    if (Object.hasOwn(ENTITIES, ref)) return ENTITIES[ref]!;
    const code = /^#x[0-9a-f]{1,6}$/i.test(ref)
      ? parseInt(ref.slice(2), 16)
      : /^#\d{1,7}$/.test(ref)
        ? Number(ref.slice(1))
        : NaN;
    if (Number.isNaN(code) || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new XmlFormatError(`unknown entity ${m}`, at);
    }
    return String.fromCodePoint(code);
  });
}

/** Parses `xml` into its root element. Throws XmlFormatError for anything malformed. */
export function parseXml(xml: string): XmlElement {
  if (typeof xml !== 'string') throw new XmlFormatError('not a string', 0);
  if (xml.length > XML_MAX_LENGTH) throw new XmlFormatError(`document longer than ${XML_MAX_LENGTH} characters`, 0);
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let i = 0;
  const n = xml.length;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > i) {
      const text = xml.slice(i, textEnd);
      if (stack.length > 0) stack.at(-1)!.text += decodeEntities(text, i);
      else if (text.trim() !== '') throw new XmlFormatError('text outside the root element', i);
    }
    if (lt === -1) break;
    i = lt;
    if (xml.startsWith('<?', i)) {
      const end = xml.indexOf('?>', i + 2);
      if (end === -1) throw new XmlFormatError('unterminated processing instruction', i);
      i = end + 2;
    } else if (xml.startsWith('<!--', i)) {
      const end = xml.indexOf('-->', i + 4);
      if (end === -1) throw new XmlFormatError('unterminated comment', i);
      i = end + 3;
    } else if (xml.startsWith('<![CDATA[', i)) {
      const end = xml.indexOf(']]>', i + 9);
      if (end === -1) throw new XmlFormatError('unterminated CDATA', i);
      if (stack.length === 0) throw new XmlFormatError('CDATA outside the root element', i);
      stack.at(-1)!.text += xml.slice(i + 9, end);
      i = end + 3;
    } else if (xml.startsWith('<!', i)) {
      throw new XmlFormatError('DOCTYPE and declarations are not accepted', i);
    } else if (xml.startsWith('</', i)) {
      const end = xml.indexOf('>', i);
      if (end === -1) throw new XmlFormatError('unterminated end tag', i);
      const name = xml.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open) throw new XmlFormatError(`end tag </${name}> without a start tag`, i);
      if (open.name !== name) throw new XmlFormatError(`end tag </${name}> does not match <${open.name}>`, i);
      i = end + 1;
    } else {
      // Start tag: find its end outside quoted attribute values.
      let j = i + 1;
      let quote = '';
      while (j < n) {
        const c = xml[j]!;
        if (quote) {
          if (c === quote) quote = '';
        } else if (c === '"' || c === "'") quote = c;
        else if (c === '>') break;
        else if (c === '<') throw new XmlFormatError('"<" inside a tag', j);
        j++;
      }
      if (j >= n) throw new XmlFormatError('unterminated start tag', i);
      let body = xml.slice(i + 1, j);
      const selfClosing = body.endsWith('/');
      if (selfClosing) body = body.slice(0, -1);
      const m = /^([^\s/>]+)([\s\S]*)$/.exec(body);
      if (!m || !NAME.test(m[1]!)) throw new XmlFormatError(`bad element name in <${body.slice(0, 40)}>`, i);
      const attrs: Record<string, string> = {};
      const rest = m[2]!;
      const attrRe = /\s+([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/gy;
      let pos = 0;
      for (;;) {
        attrRe.lastIndex = pos;
        const a = attrRe.exec(rest);
        if (!a) break;
        if (!NAME.test(a[1]!)) throw new XmlFormatError(`bad attribute name ${a[1]}`, i);
        if (Object.hasOwn(attrs, a[1]!)) throw new XmlFormatError(`duplicate attribute ${a[1]}`, i);
        Object.defineProperty(attrs, a[1]!, {
          value: decodeEntities(a[3] ?? a[4] ?? '', i),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        pos = attrRe.lastIndex;
      }
      if (rest.slice(pos).trim() !== '') throw new XmlFormatError(`malformed attributes in <${m[1]}>`, i);
      const el: XmlElement = { name: m[1]!, local: localOf(m[1]!), attrs, children: [], text: '' };
      if (stack.length > 0) stack.at(-1)!.children.push(el);
      else if (root) throw new XmlFormatError('more than one root element', i);
      else root = el;
      if (!selfClosing) {
        if (stack.length >= MAX_DEPTH) throw new XmlFormatError(`nesting deeper than ${MAX_DEPTH}`, i);
        stack.push(el);
      }
      i = j + 1;
    }
  }
  if (stack.length > 0) throw new XmlFormatError(`<${stack.at(-1)!.name}> is never closed`, n);
  if (!root) throw new XmlFormatError('no root element', n);
  return root;
}

/** First descendant (depth-first, self excluded) with local name `local`, or null. */
export function findFirst(el: XmlElement, local: string): XmlElement | null {
  for (const c of el.children) {
    if (c.local === local) return c;
    const d = findFirst(c, local);
    if (d) return d;
  }
  return null;
}

/** Direct children with local name `local`. */
export const childrenNamed = (el: XmlElement, local: string): XmlElement[] =>
  el.children.filter((c) => c.local === local);

/** Escapes text for element content or a double-quoted attribute. */
export const escapeXml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
