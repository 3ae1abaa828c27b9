import type { LocalizedText } from '../../platform/i18n/locale.ts';

/** One item on a meeting's agenda (an application to review, a departure to discuss…). */
export interface AgendaItem {
  title: LocalizedText;
  /** A page on this site about the item. */
  path: string;
}

/** Whoever has something on the agenda of a meeting provides it through one of these. */
export type AgendaSource = (meeting: { id: string; startsAt: string }) => Promise<AgendaItem[]>;
