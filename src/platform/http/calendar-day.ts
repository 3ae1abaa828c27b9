import { Type } from 'typebox';

/** A date without a time, as YYYY-MM-DD; the schema checks the shape, isCalendarDay that the day exists. */
export const CalendarDay = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export function isCalendarDay(text: string): boolean {
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}
