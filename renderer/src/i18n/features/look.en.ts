/** English strings of the look feature; merged into the reference dictionary (i18n/en.ts). */
export const lookEn = {
  'look.theme.light': 'Light theme',
  'look.theme.hint': 'Switch between the dark and the light theme',
  'look.search.label': 'Search cameras',
  'look.search.placeholder': 'Name, address or protocol',
  'look.search.noMatch': 'No camera matches “{query}”.',
  'look.search.count': '{shown} of {total} cameras shown',
  'look.group.network': 'Network',
  'look.group.serial': 'Serial',
} as const;
