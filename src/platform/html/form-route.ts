import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { AppError, type FieldProblem } from '../http/errors.ts';
import { toAppError } from '../http/error-handler.ts';
import { commonText } from '../i18n/common.messages.ts';

/**
 * The life of a form post: a body that fails its schema, or a rule the
 * service enforces, shows the same form again with each problem next to its
 * field; nothing is changed. Anything else goes to the error handler.
 */
export async function submitForm<Body>(
  request: FastifyRequest,
  reply: FastifyReply,
  form: { title: string; render: (problems: FieldProblem[]) => VNode | Promise<VNode>; run: (body: Body) => Promise<FastifyReply> },
): Promise<FastifyReply> {
  try {
    if (request.validationError) throw toAppError(request.validationError);
    return await form.run(request.body as Body);
  } catch (error) {
    if (!(error instanceof AppError) || error.problems.length === 0) throw error;
    // Without JavaScript nothing moves focus to the summary, so the title itself says something went wrong.
    const title = `${commonText[request.locale].errors.titlePrefix} ${form.title}`;
    return reply.page(title, await form.render(error.problems), error.status);
  }
}

/** Where to go after a form: only a path on this site, never another origin. */
export function localPath(next: unknown, fallback: string): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : fallback;
}
