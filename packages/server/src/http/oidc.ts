import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OIDC_PATH } from '../oidc/provider.js';
import type { AppContext } from './context.js';

declare module 'node:http' {
  interface IncomingMessage {
    /** what node-oidc-provider reads to know the path it is mounted at */
    originalUrl?: string;
  }
}

/**
 * node-oidc-provider under /oidc (issuer `${PUBLIC_URL}/oidc`). The provider reads the request
 * body itself (form posts of /token, /par...), so this scope has no body parser of Fastify's and
 * hands the raw request over, its mount path stripped (STACK.md, "oidc-provider inside Fastify").
 */
export async function registerOidcProvider(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        const provider = await ctx.services.oidcProvider.provider();
        reply.hijack();
        const raw = request.raw;
        raw.originalUrl = raw.url;
        raw.url = raw.url!.slice(OIDC_PATH.length) || '/';
        await provider.callback()(raw, reply.raw);
      };
      // The provider's own protocol (discovery documents it), not an operation of our API document.
      const options = { schema: { hide: true } };
      scope.all('/', options, handler);
      scope.all('/*', options, handler);
    },
    { prefix: OIDC_PATH },
  );
}
