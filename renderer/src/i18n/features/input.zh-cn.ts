/** Simplified Chinese strings of the input feature: every key of inputEn, checked by the type. */
import type { inputEn } from './input.en';

export const inputZhCN: { readonly [K in keyof typeof inputEn]: string } = {};
