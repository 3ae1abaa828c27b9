import type { FastifyInstance } from 'fastify';
import { registerAdminAccountPages } from './admin-accounts.pages.tsx';
import { registerAdminOrganisationPages } from './admin-organisations.pages.tsx';
import { registerAdminOperationsPages } from './admin-operations.pages.tsx';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { adminText } from './admin.messages.ts';

export function registerAdminPages(app: FastifyInstance): void {
  app.get('/admin', async (request, reply) => {
    requireSteward(request.viewer);
    const m = adminText[request.locale];
    return reply.page(
      m.title,
      <ul>
        <li><a href="/admin/accounts">{m.accounts}</a></li>
        <li><a href="/admin/organisations">{m.organisations}</a></li>
        <li><a href="/admin/charter">{m.charter}</a></li>
        <li><a href="/admin/meetings">{m.meetings}</a></li>
        <li><a href="/admin/referrals">{m.referrals}</a></li>
        <li><a href="/conduct/settings">{m.conductRetention}</a></li>
        <li><a href="/guidance/rules">{m.guidanceRules}</a></li>
        <li><a href="/guidance/reports">{m.guidanceReports}</a></li>
        <li><a href="/admin/audit">{m.audit}</a></li>
        <li><a href="/admin/jobs">{m.jobs}</a></li>
        <li><a href="/admin/demo">{m.demo}</a></li>
      </ul>,
    );
  });
  registerAdminAccountPages(app);
  registerAdminOrganisationPages(app);
  registerAdminOperationsPages(app);
}
