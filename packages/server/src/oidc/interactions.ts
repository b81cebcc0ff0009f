import type { IncomingMessage, ServerResponse } from 'node:http';
import { acrByLevel, type OidcInteraction } from '@openesia/contracts';
import { errors, type default as Provider } from 'oidc-provider';
import type { CitizenActor } from '../domain/policy/actor.js';
import { needsFreshSignIn } from '../domain/oidc/claims.js';
import { AppError } from '../lib/errors.js';
import { levelSatisfies, requiredLevel } from '../services/oidc/claims.js';
import type { OidcClientService } from '../services/oidc/clients.js';
import type { OidcConsentService } from '../services/oidc/consents.js';
import type { Authenticated } from '../services/platform/sessions.js';
import { amrByMethod, type OidcProviderHost } from './provider.js';

/** The web app's page of a sign-in step (packages/web/src/portals/oidc/). */
export const interactionPage = (uid: string): string => `/oidc-interaction/${encodeURIComponent(uid)}`;

/** OAuth's error codes for the system (not our API's: the web app never shows them). */
const ACCESS_DENIED = 'access_denied';
const UNMET_AUTHENTICATION_REQUIREMENTS = 'unmet_authentication_requirements';

type Raw = { req: IncomingMessage; res: ServerResponse };
type Interaction = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * provider.interactionResult (node-oidc-provider 9, lib/provider.js) on the interaction this step
 * has loaded already: the result saved for the rest of the interaction's life, and where the
 * browser resumes. The provider's own method reads the interaction from the database again.
 */
async function finish(
  interaction: Interaction,
  result: NonNullable<Interaction['result']>,
  { mergeWithLastSubmission }: { mergeWithLastSubmission: boolean },
): Promise<string> {
  interaction.result =
    mergeWithLastSubmission && !('error' in result) ? { ...interaction.lastSubmission, ...result } : result;
  await interaction.save(interaction.exp - Math.floor(Date.now() / 1000));
  return interaction.returnTo;
}

/**
 * The sign-in and consent steps of an authorization (issue 13, §2), through the provider's
 * interaction API. The step is bound to the browser that started it by the provider's cookie
 * (`_interaction`), so another browser that knows its uid gets `oidc.interaction_not_found`.
 */
export class OidcInteractions {
  constructor(
    private readonly deps: {
      host: OidcProviderHost;
      clients: OidcClientService;
      consents: OidcConsentService;
    },
  ) {}

  private async load(raw: Raw, uid: string): Promise<{ provider: Provider; interaction: Interaction }> {
    const provider = await this.deps.host.provider();
    let interaction: Interaction;
    try {
      interaction = await provider.interactionDetails(raw.req, raw.res);
    } catch (err) {
      if (err instanceof errors.SessionNotFound) throw new AppError('oidc.interaction_not_found');
      throw err;
    }
    if (interaction.uid !== uid) throw new AppError('oidc.interaction_not_found');
    return { provider, interaction };
  }

  /**
   * Where the browser goes on entering a step. Signing in reuses the OpenESIA session: without
   * one, the sign-in page, which comes back to the step's page; with one, the provider goes on
   * (unless the system asks for a higher level: the page explains). Consent: the page asks.
   */
  async enter(raw: Raw, uid: string, auth: Authenticated | null): Promise<string> {
    const { interaction } = await this.load(raw, uid);
    if (interaction.prompt.name !== 'login') return interactionPage(uid);
    if (!auth) return `/login?next=${encodeURIComponent(interactionPage(uid))}`;
    // prompt=login or max_age: the session does not do, the person signs in again (it replaces it).
    const maxAge = interaction.params.max_age;
    if (
      needsFreshSignIn({
        reasons: interaction.prompt.reasons,
        requestedAt: interaction.iat ?? 0,
        maxAge: maxAge === undefined ? undefined : Number(maxAge),
        signedInAt: Math.floor(auth.session.createdAt.getTime() / 1000),
        now: Math.floor(Date.now() / 1000),
      })
    )
      return `/login?reauth=1&next=${encodeURIComponent(interactionPage(uid))}`;
    const required = requiredLevel(interaction.params.acr_values as string | undefined);
    if (!levelSatisfies(auth.account.level, required)) return interactionPage(uid);
    return finish(
      interaction,
      {
        login: {
          accountId: String(auth.account.oid),
          acr: acrByLevel[auth.account.level],
          amr: [amrByMethod[auth.session.authMethod]],
          ts: Math.floor(auth.session.createdAt.getTime() / 1000),
          remember: true,
        },
      },
      { mergeWithLastSubmission: false },
    );
  }

  /** What the step's page shows. */
  async view(raw: Raw, uid: string, auth: Authenticated | null): Promise<OidcInteraction> {
    const { interaction } = await this.load(raw, uid);
    const clientId = String(interaction.params.client_id);
    const name = (await this.deps.clients.displayName(clientId)) ?? clientId;
    const required = requiredLevel(interaction.params.acr_values as string | undefined);
    const details = interaction.prompt.details as { missingOIDCScope?: string[] };
    return {
      uid,
      prompt: interaction.prompt.name === 'login' ? 'login' : 'consent',
      client: { id: clientId, name },
      signedIn: auth !== null,
      scopes: (details.missingOIDCScope ?? []).filter((s) => s !== 'openid'),
      levelTooLow:
        auth && required && !levelSatisfies(auth.account.level, required)
          ? { required, current: auth.account.level }
          : null,
    };
  }

  /** «Предоставить»: the grant gets the scopes asked for, remembered for the next sign-in. */
  async confirm(raw: Raw, uid: string, actor: CitizenActor, auth: Authenticated): Promise<string> {
    const { provider, interaction } = await this.load(raw, uid);
    if (interaction.prompt.name !== 'consent') throw new AppError('oidc.interaction_not_found');
    // The person who signed in to the provider is the one consenting, not whoever holds the tab now.
    if (interaction.session?.accountId !== String(auth.account.oid)) throw new AppError('auth.forbidden');
    const clientId = String(interaction.params.client_id);
    const grant = interaction.grantId
      ? await provider.Grant.find(interaction.grantId)
      : new provider.Grant({ accountId: interaction.session.accountId, clientId });
    if (!grant) throw new AppError('oidc.interaction_not_found');
    const details = interaction.prompt.details as {
      missingOIDCScope?: string[];
      missingOIDCClaims?: string[];
      missingResourceScopes?: Record<string, string[]>;
    };
    if (details.missingOIDCScope) grant.addOIDCScope(details.missingOIDCScope.join(' '));
    if (details.missingOIDCClaims) grant.addOIDCClaims(details.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(details.missingResourceScopes ?? {}))
      grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await this.deps.consents.give(actor, clientId, grant.getOIDCScope().split(' ').filter(Boolean), grantId);
    return finish(interaction, { consent: { grantId } }, { mergeWithLastSubmission: true });
  }

  /**
   * «Отозвать разрешение»: the consent goes, and the provider's grants made from it with every
   * code and token they gave (RFC 7009 §2.1: revoking a grant revokes its tokens).
   */
  async withdraw(actor: CitizenActor, clientId: string): Promise<void> {
    const grantIds = await this.deps.consents.withdraw(actor, clientId);
    const provider = await this.deps.host.provider();
    for (const grantId of grantIds) {
      await provider.AccessToken.adapter.revokeByGrantId(grantId);
      await provider.Grant.adapter.destroy(grantId);
    }
  }

  /**
   * «Отказать», or «Вернуться» from the level page: the system gets `access_denied` or
   * `unmet_authentication_requirements` (OpenID Connect Core §3.1.2.6, OIDC Unmet AuthN Req 1.0).
   */
  async abort(raw: Raw, uid: string, auth: Authenticated | null): Promise<string> {
    const { interaction } = await this.load(raw, uid);
    const required = requiredLevel(interaction.params.acr_values as string | undefined);
    const unmet =
      auth !== null && interaction.prompt.name === 'login' && !levelSatisfies(auth.account.level, required);
    const result = unmet
      ? { error: UNMET_AUTHENTICATION_REQUIREMENTS, error_description: 'account level is below acr_values' }
      : { error: ACCESS_DENIED, error_description: 'the person refused access' };
    return finish(interaction, result, { mergeWithLastSubmission: false });
  }
}
