/** Simplified Chinese strings of the look feature: every key of lookEn, checked by the type. */
import type { lookEn } from './look.en';

export const lookZhCN: { readonly [K in keyof typeof lookEn]: string } = {};
