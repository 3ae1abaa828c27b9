import type { Haven } from '../../haven.ts';
import { DAY } from '../../platform/clock.ts';

/** Two demo register entries for Riverbank: one published, one held back for a while. */
export async function loadDemoLegalRequests(haven: Haven): Promise<void> {
  const organisation = await haven.organisations.getBySlug('demo-riverbank-hosting');
  if ((await haven.legalRequests.counts(organisation.id)).length > 0) return;
  const day = (offset: number) => new Date(haven.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
  const common = { legalOrder: true, notes: '', publishAfter: null } as const;
  await haven.legalRequests.record(
    organisation.id,
    { ...common, receivedOn: day(-120), authorityKind: 'police', requestKind: 'data-disclosure', dataRequested: 'Demo: connection logs of one mailbox', outcome: 'refused', publication: 'now' },
    'system',
  );
  await haven.legalRequests.record(
    organisation.id,
    { ...common, receivedOn: day(-20), authorityKind: 'court', requestKind: 'takedown', dataRequested: 'Demo: removal of a published article', outcome: 'contested', publication: 'after-date', publishAfter: day(40) },
    'system',
  );
}
