/** Simplified Chinese strings of the lens feature: every key of lensEn, checked by the type. */
import type { lensEn } from './lens.en';

export const lensZhCN: { readonly [K in keyof typeof lensEn]: string } = {};
