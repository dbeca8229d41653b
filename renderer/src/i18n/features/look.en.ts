/** English strings of the look feature; merged into the reference dictionary (i18n/en.ts). */
export const lookEn = {} as const;
