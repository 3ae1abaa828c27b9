import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { Form } from '../../platform/html/form.tsx';
import { requireSteward } from '../accounts/accounts.policy.ts';
import { actorOf } from '../accounts/viewer.ts';
import { loadDemoData } from '../demo/demo-data.ts';
import { adminText } from './admin.messages.ts';

const PAGE_SIZE = 50;

export function registerAdminOperationsPages(app: FastifyInstance): void {
  const haven = app.haven;

  app.get('/admin/audit', { schema: { querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })) }) } }, async (request, reply) => {
    requireSteward(request.viewer);
    const m = adminText[request.locale];
    const pageNumber = (request.query as { page?: number }).page ?? 0;
    const events = await haven.audit.latest(PAGE_SIZE + 1, pageNumber * PAGE_SIZE);
    return reply.page(
      m.audit,
      <>
        <p>{m.auditIntro}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">{m.when}</th>
              <th scope="col">{m.who}</th>
              <th scope="col">{m.what}</th>
              <th scope="col">{m.subject}</th>
            </tr>
          </thead>
          <tbody>
            {events.slice(0, PAGE_SIZE).map((e) => (
              <tr>
                <td>{e.occurred_at.replace('T', ' ').slice(0, 19)}</td>
                <td>{e.actor_name ?? '—'}</td>
                <td>{e.action}</td>
                <td>
                  {e.subject_type} {e.subject_id ? <span class="muted">{e.subject_id}</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {events.length > PAGE_SIZE && (
          <p>
            <a href={`/admin/audit?page=${pageNumber + 1}`}>{m.older}</a>
          </p>
        )}
      </>,
    );
  });

  async function jobsPage(request: FastifyRequest, notice?: string) {
    const m = adminText[request.locale];
    const counts = await haven.jobs.counts();
    const recent = await haven.jobs.recent();
    const ctx = request.pageContext();
    return (
      <>
        {notice && <p class="notice" role="status">{notice}</p>}
        <p>{m.jobsIntro}</p>
        <p>{Object.entries(counts).map(([state, n]) => `${state}: ${n}`).join(' · ')}</p>
        <Form ctx={ctx} action="/admin/jobs/run-due">
          <button type="submit">{m.runDue}</button>
        </Form>
        {recent.length === 0 ? <p>{m.noJobs}</p> : <table>
          <thead>
            <tr>
              <th scope="col">{m.kind}</th>
              <th scope="col">{m.state}</th>
              <th scope="col">{m.runAt}</th>
              <th scope="col">{m.attempts}</th>
            </tr>
          </thead>
          <tbody>
            {recent.map((j) => (
              <tr>
                <td>{j.kind}</td>
                <td>{j.state}</td>
                <td>{j.run_at.replace('T', ' ').slice(0, 19)}</td>
                <td>{j.attempts}</td>
              </tr>
            ))}
          </tbody>
        </table>}
      </>
    );
  }

  app.get('/admin/jobs', async (request, reply) => {
    requireSteward(request.viewer);
    return reply.page(adminText[request.locale].jobs, await jobsPage(request));
  });

  app.post('/admin/jobs/run-due', async (request, reply) => {
    requireSteward(request.viewer);
    const report = await haven.jobs.runDue();
    return reply.page(adminText[request.locale].jobs, await jobsPage(request, adminText[request.locale].ran(report.ran, report.failed)));
  });

  app.get('/admin/demo', async (request, reply) => {
    requireSteward(request.viewer);
    const m = adminText[request.locale];
    return reply.page(
      m.demo,
      <>
        <p>{m.demoIntro}</p>
        <Form ctx={request.pageContext()} action="/admin/demo">
          <button type="submit">{m.demoLoad}</button>
        </Form>
      </>,
    );
  });

  app.post('/admin/demo', async (request, reply) => {
    const steward = requireSteward(request.viewer);
    const result = await loadDemoData(haven, actorOf(steward));
    return reply.page(adminText[request.locale].demo, <p class="notice" role="status">{adminText[request.locale].demoLoaded(result.password)}</p>);
  });
}
