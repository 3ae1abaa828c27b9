import type { Haven } from '../../haven.ts';
import { DAY } from '../../platform/clock.ts';

/** Demo transparency records of Riverbank: a resolved incident, and two register entries, one held back for a while. */
export async function loadDemoLegalRequests(haven: Haven): Promise<void> {
  const organisation = await haven.organisations.getBySlug('demo-riverbank-hosting');
  const day = (offset: number) => new Date(haven.clock.now().getTime() + offset * DAY).toISOString().slice(0, 10);
  if ((await haven.incidents.list(organisation.id, 1)).length === 0) {
    const startedAt = new Date(haven.clock.now().getTime() - 10 * DAY).toISOString().slice(0, 16);
    const number = await haven.incidents.open(organisation.id, { title: 'Demo: webmail unreachable', services: ['Riverbank Mail'], startedAt, body: 'Demo: the webmail answers with errors; mail is still delivered.' }, 'system');
    await haven.incidents.addUpdate(organisation.id, number, { status: 'resolved', body: 'Demo: a certificate renewal had failed; renewed.' }, 'system');
    await haven.incidents.setPostMortem(organisation.id, number, 'Demo: certificate expiry is now checked daily, with an alert 20 days ahead.', 'system');
  }
  if ((await haven.documents.list(organisation.id)).length === 0) {
    await haven.documents.add(
      organisation.id,
      { kind: 'backup-policy', title: 'Demo: backup policy', asOf: day(-30), url: null, backup: { frequency: 'daily', retentionDays: 7, encrypted: true, offsite: true, lastRestoreTest: day(-45) } },
      'system',
    );
    await haven.documents.add(organisation.id, { kind: 'activity-report', title: 'Demo: activity report (two years ago)', asOf: day(-700), url: 'https://riverbank-hosting.example/reports/old.pdf', backup: null }, 'system');
    await haven.documents.add(organisation.id, { kind: 'accounts', title: 'Demo: accounts of last year', asOf: day(-60), url: 'https://riverbank-hosting.example/accounts.pdf', backup: null }, 'system');
  }
  if ((await haven.legalRequests.counts(organisation.id)).length > 0) return;
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
