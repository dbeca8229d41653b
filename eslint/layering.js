// Local ESLint rule `local/layering`: imports flow downward only (shared ← electron/core ← electron/{main,
// preload,web-host}; shared ← renderer). Resolves each relative import against the importing file and
// checks the target's layer, so `../../..` tricks cannot slip past a name pattern.
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE_BUILTIN =
  /^(node:|fs$|path$|os$|net$|dgram$|child_process$|http$|https$|crypto$|events$|url$|util$|stream$|worker_threads$|timers$|tty$|zlib$|readline$)/;

/** Layer of a repo-relative path, most specific first. */
function layerOf(rel) {
  const p = rel.split(path.sep).join('/');
  if (p.startsWith('electron/core/devices/protocols/')) return 'protocols';
  if (p.startsWith('electron/core/')) return 'core';
  if (p.startsWith('electron/net-helper/')) return 'net-helper';
  if (p.startsWith('electron/main/')) return 'main';
  if (p.startsWith('electron/preload/')) return 'preload';
  if (p.startsWith('electron/web-host/')) return 'web-host';
  if (p.startsWith('shared/')) return 'shared';
  if (p.startsWith('renderer/')) return 'renderer';
  return 'other';
}

/** Which layers each layer may import (relative imports), and which packages it must not use. */
const RULES = {
  shared: { layers: ['shared'], banned: [/^electron$/, /^react/, /^zustand/, /^serialport/, /^ws$/, NODE_BUILTIN] },
  protocols: { layers: ['shared', 'protocols'], banned: [/^electron$/, /^react/, /^serialport/, /^ws$/, NODE_BUILTIN] },
  core: { layers: ['shared', 'core', 'protocols'], banned: [/^electron$/, /^react/, /^zustand/] },
  // main hosts the net helper's mode on Windows and macOS (electron/main/helper-mode.ts).
  main: { layers: ['shared', 'core', 'protocols', 'main', 'net-helper'], banned: [/^react/] },
  preload: { layers: ['shared', 'preload'], banned: [/^react/, NODE_BUILTIN] },
  'web-host': { layers: ['shared', 'core', 'protocols', 'web-host'], banned: [/^electron$/, /^react/] },
  // The privileged helper runs as root: it must not pull in the core (or anything beyond shared + Node).
  'net-helper': {
    layers: ['shared', 'net-helper'],
    banned: [/^electron$/, /^react/, /^zustand/, /^serialport/, /^ws$/],
  },
  renderer: { layers: ['shared', 'renderer'], banned: [/^electron$/, /^serialport/, /^ws$/, NODE_BUILTIN] },
};

export const layering = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the import layering of ARCHITECTURE.md §2' },
    schema: [],
    messages: {
      layer: '{{from}} must not import {{to}} ({{spec}}): imports flow downward only (see ARCHITECTURE.md §2).',
      pkg: '{{from}} must not import the package "{{spec}}" (see ARCHITECTURE.md §2).',
    },
  },
  create(context) {
    const file = context.filename;
    const from = layerOf(path.relative(ROOT, file));
    const rule = RULES[from];
    if (!rule) return {};
    // Tests may use Node helpers (temp dirs, sockets) even in pure layers; the layering of source is what counts.
    const isTest = /\.test\.tsx?$/.test(file) || file.includes(`${path.sep}test${path.sep}`);
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      if (spec.startsWith('.')) {
        const to = layerOf(path.relative(ROOT, path.resolve(path.dirname(file), spec)));
        // A core test may also run the real net helper in-process (the elevation round trips).
        const testMay = isTest && (to === 'other' || (from === 'core' && to === 'net-helper'));
        if (!rule.layers.includes(to) && !testMay) {
          context.report({ node, messageId: 'layer', data: { from, to, spec } });
        }
      } else if (rule.banned.some((re) => re.test(spec)) && !(isTest && NODE_BUILTIN.test(spec))) {
        context.report({ node, messageId: 'pkg', data: { from, spec } });
      }
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
