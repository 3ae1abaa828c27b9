import type { CharterTemplate } from './charter-template.ts';
import { chatonsV2 } from './chatons-v2.ts';
import { librehostersCpp } from './librehosters-cpp.ts';
import { secureHostingCoalition } from './secure-hosting-coalition.ts';

export type { CharterTemplate } from './charter-template.ts';

/** Frozen all the way down: a coalition adopts a copy of a template, never the built-in itself. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** The built-in charters a coalition can start from, in the order they are offered. */
export const CHARTER_TEMPLATES: readonly CharterTemplate[] = deepFreeze([chatonsV2, librehostersCpp, secureHostingCoalition]);

/** The built-in template with this key, or undefined (keys arrive from URLs and forms). */
export function templateByKey(key: string): CharterTemplate | undefined {
  return CHARTER_TEMPLATES.find((template) => template.key === key);
}
