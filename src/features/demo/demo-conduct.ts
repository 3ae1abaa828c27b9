import type { Haven } from '../../haven.ts';
import type { Viewer } from '../accounts/viewer.ts';
import type { ReportContent } from '../conduct/conduct-reports.service.ts';

const content = (happened: string, wants: string): ReportContent => ({ happened, when: 'Demo: last month', where: 'Demo: the members’ chat', involved: 'demo-host-staff', witnesses: 'Demo: none', wants, tellBy: 'link', email: null });

/** Four invented code-of-conduct reports, one at each step: received, acknowledged with a note, decided with a warning, closed. Loading again adds nothing. */
export async function loadDemoConduct(haven: Haven): Promise<void> {
  if (await haven.database.db.selectFrom('conduct_reports').select('id').executeTakeFirst()) return;
  const handler = await haven.accounts.findByUsername('demo-conduct').catch(() => null);
  const subject = await haven.accounts.findByUsername('demo-host-staff').catch(() => null);
  if (!handler || !subject) return;
  const viewer: Viewer = { accountId: handler.id, username: handler.username, roles: new Set(['conduct']), memberships: [], locale: null, via: { kind: 'token', tokenId: 'demo' } };
  const submit = async (happened: string, wants: string) => (await haven.conductReports.submit({ content: content(happened, wants), involvedUsernames: ['demo-host-staff'], excluded: [] }, null)).number;
  const { conductHandling } = haven;

  await submit('Demo report. Mocking remarks about a member’s accent during a call.', 'Demo: that someone talks to them.');

  const acknowledged = await submit('Demo report. Repeated private messages after being asked to stop.', 'Demo: that it stops.');
  await conductHandling.acknowledge(viewer, acknowledged);
  await conductHandling.note(viewer, acknowledged, 'Demo note, for the handlers only: ask the moderators for the chat log.');

  const decided = await submit('Demo report. Shared a member’s home address in a public channel.', 'Demo: a warning at least.');
  await conductHandling.acknowledge(viewer, decided);
  await conductHandling.decide(viewer, decided, { outcome: 'warning', reasons: 'Demo decision. The message was removed within the hour; a first breach.', subjectAccountId: subject.id, suspendedUntil: null, naming: 'none', namesHarmed: false, harmedConsentOn: null });
  await conductHandling.followUp(viewer, decided, 'Demo follow-up. The warning was delivered in a call.');

  const closed = await submit('Demo report. A heated argument about a charter vote.', 'Demo: nothing, just for the record.');
  await conductHandling.acknowledge(viewer, closed);
  await conductHandling.decide(viewer, closed, { outcome: 'no-action', reasons: 'Demo decision. A disagreement, not a breach of the code.', subjectAccountId: null, suspendedUntil: null, naming: 'none', namesHarmed: false, harmedConsentOn: null });
  await conductHandling.close(viewer, closed);
}
