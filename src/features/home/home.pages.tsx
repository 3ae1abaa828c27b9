import type { FastifyInstance } from 'fastify';
import { homeText } from './home.messages.ts';

export function registerHomePages(app: FastifyInstance): void {
  app.get('/', async (request, reply) => {
    const m = homeText[request.locale];
    return reply.page(
      m.title,
      <>
        <p>{m.intro}</p>
        {request.viewer && <p class="notice">{m.welcomeBack(request.viewer.username)}</p>}
        <h2>{m.promises}</h2>
        <ul>
          {m.promiseList.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </>,
    );
  });
}
