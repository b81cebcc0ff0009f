import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const webDist = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export function webDistExists(): boolean {
  return existsSync(`${webDist}/index.html`);
}

/** The built React app (packages/web/dist); hashed assets are cached for a year, index.html never. */
export async function registerWebApp(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    setHeaders(reply, path) {
      reply.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
}
