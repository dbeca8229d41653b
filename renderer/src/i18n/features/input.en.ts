/** English strings of the input feature; merged into the reference dictionary (i18n/en.ts). */
export const inputEn = {} as const;
