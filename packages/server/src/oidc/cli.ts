import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { oidcClientAuthMethods, oidcGrantTypes, type OidcGrantType } from '@openesia/contracts';
import { systemActor } from '../domain/policy/actor.js';
import type { OidcClientAuthMethod } from '../services/oidc/clients.js';
import type { Services } from '../services/index.js';

export const oidcUsage = `  cli.ts oidc-client register --client-id MNEMONIC --name NAME --redirect-uri URI [--redirect-uri URI...]
         --scopes "openid fullname ..." --auth-method ${oidcClientAuthMethods.join('|')} [--jwks-file jwks.json]
         [--certificate cert.pem]   (GOST R 34.10-2012: the ESIA-compatible interface's client secrets)
         [--grant-types "${oidcGrantTypes.join(' ')}"] [--backchannel-logout-uri URI [--backchannel-logout-session-required]]
         [--confirmed-only]         (только подтверждённые учётные записи: ESIA-007055 for others)
  cli.ts oidc-client approve|block|pending --client-id MNEMONIC
  cli.ts oidc-client list
  cli.ts oidc-keys rotate [--ahead-hours N]`;

/**
 * The federal operator's registry of relying parties from the console (until organizations
 * register their systems themselves): each change is one audited use-case, acting as the system.
 */
export async function oidcClientCommand(services: Services, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      'client-id': { type: 'string' },
      name: { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-redirect-uri': { type: 'string', multiple: true },
      scopes: { type: 'string', default: 'openid' },
      'auth-method': { type: 'string', default: 'client_secret_basic' },
      'jwks-file': { type: 'string' },
      certificate: { type: 'string' },
      'grant-types': { type: 'string' },
      'backchannel-logout-uri': { type: 'string' },
      'backchannel-logout-session-required': { type: 'boolean', default: false },
      'confirmed-only': { type: 'boolean', default: false },
    },
  });
  const actor = systemActor('cli');
  const clientId = values['client-id'];
  if (action === 'list') {
    for (const c of await services.oidcClients.list(actor))
      console.log(
        `${c.clientId}\t${c.status}\t${c.authMethod}\t${c.name}\t${c.redirectUris.join(' ')}` +
          (c.confirmedOnly ? '\tтолько подтверждённые' : ''),
      );
    return 0;
  }
  if (!clientId) {
    console.error(oidcUsage);
    return 2;
  }
  if (action === 'register') {
    const registered = await services.oidcClients.register(
      actor,
      {
        clientId,
        name: values.name ?? '',
        redirectUris: values['redirect-uri'] ?? [],
        postLogoutRedirectUris: values['post-logout-redirect-uri'],
        scopes: values.scopes.split(/\s+/).filter(Boolean),
        authMethod: values['auth-method'] as OidcClientAuthMethod,
        jwks: values['jwks-file'] ? JSON.parse(readFileSync(values['jwks-file'], 'utf8')) : undefined,
        // PEM as text; a DER file as base64 (readSystemCertificate takes either).
        certificate: values.certificate ? certificateText(readFileSync(values.certificate)) : undefined,
        grantTypes: values['grant-types']?.split(/\s+/).filter(Boolean) as OidcGrantType[] | undefined,
        backchannelLogoutUri: values['backchannel-logout-uri'] ?? null,
        backchannelLogoutSessionRequired: values['backchannel-logout-session-required'],
        confirmedOnly: values['confirmed-only'],
      },
      { via: 'cli' },
    );
    console.log(`registered ${registered.clientId}, pending approval`);
    const view = (await services.oidcClients.list(actor)).find((c) => c.clientId === registered.clientId);
    if (view?.certificateHash) console.log(`client_certificate_hash: ${view.certificateHash}`);
    if (registered.secret) console.log(`client_secret (shown once): ${registered.secret}`);
    return 0;
  }
  const statuses = { approve: 'approved', block: 'blocked', pending: 'pending' } as const;
  if (action && action in statuses) {
    const client = await services.oidcClients.setStatus(
      actor,
      clientId,
      statuses[action as keyof typeof statuses],
    );
    console.log(`${client.clientId}: ${client.status}`);
    return 0;
  }
  console.error(oidcUsage);
  return 2;
}

function certificateText(file: Buffer): string {
  const text = file.toString('latin1');
  return text.includes('-----BEGIN CERTIFICATE-----') ? text : file.toString('base64');
}

export async function oidcKeysCommand(services: Services, args: string[]): Promise<number> {
  const [action, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { 'ahead-hours': { type: 'string', default: '24' } } });
  if (action !== 'rotate') {
    console.error(oidcUsage);
    return 2;
  }
  const rotated = await services.oidcKeys.rotate(
    systemActor('cli'),
    Number(values['ahead-hours']) * 3600_000,
  );
  console.log(`key ${rotated.kid} published; signs from ${rotated.activatesAt.toISOString()}`);
  return 0;
}
