/** English strings of the lens feature; merged into the reference dictionary (i18n/en.ts). */
export const lensEn = {} as const;
