import {
  contactRow,
  documentRow,
  esiaLevel,
  esiaMethod,
  personRows,
  scopeTitles,
  type ClaimRow,
} from './labels.js';
import { esc, layout } from './pages.js';

const FOOTER =
  'Демонстрационная система, подключённая к OpenESIA как к ЕСИА: подписанный client_secret, /aas/oauth2, /rs.';

export interface EsiaPageContext {
  /** where the app is mounted, e.g. /demo-esia */
  base: string;
  portalUrl: string;
  clientId: string;
  redirectUri: string;
  /** the OpenID Connect sibling (index.ts), for a link */
  oidcDemo?: string;
}

/** What the app received, kept by the browser in a sealed cookie (no token: it reads nothing more). */
export interface EsiaSignedIn {
  oid: string;
  scopes: string[];
  idClaims: Record<string, unknown>;
  /** `/rs/prns/{oid}?embed=(contacts.elements,documents.elements)`, the collections taken out */
  person: Record<string, unknown>;
  contacts: Record<string, unknown>[];
  documents: Record<string, unknown>[];
  /** what `/ctts` and `/docs` answered on their own: their sizes, to show they agree */
  collections: { ctts?: number; docs?: number };
}

/** The scopes the start page offers (the ones it can show), and those checked at first. */
export const offeredScopes = [
  'fullname',
  'birthdate',
  'birthplace',
  'gender',
  'snils',
  'id_doc',
  'email',
  'mobile',
  'contacts',
];
const DEFAULT_SCOPES = new Set(['fullname', 'birthdate', 'snils', 'id_doc', 'contacts']);

export function esiaStartPage(ctx: EsiaPageContext, notice?: string): string {
  const choices = offeredScopes
    .map(
      (s) =>
        `<label class="choice"><input type="checkbox" name="scope" value="${esc(s)}"${
          DEFAULT_SCOPES.has(s) ? ' checked' : ''
        }><span>${esc(scopeTitles[s] ?? s)}<code>${esc(s)}</code></span></label>`,
    )
    .join('\n');
  return layout(
    ctx,
    'Вход через ЕСИА',
    `<h1>Портал услуг — вход через ЕСИА (демо)</h1>
<p class="lead">Та же демонстрационная система, но подключённая так, как системы подключаются к ЕСИА:
она подписывает каждый запрос ключом ГОСТ Р 34.10-2012 своего сертификата и читает данные через REST API
ЕСИА. OpenESIA отвечает ей по тем же адресам, что и ЕСИА.</p>
${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ''}
<section class="card" aria-labelledby="sign-in-title">
<h2 id="sign-in-title">Войти через ЕСИА</h2>
<form method="get" action="${esc(ctx.base)}/login">
<fieldset><legend>Какие данные запросить</legend>
<div class="choices">
${choices}
</div></fieldset>
<button class="button" type="submit">Войти через ЕСИА</button>
</form>
${
  ctx.oidcDemo
    ? `<p>Вход той же системы по OpenID Connect: <a href="${esc(ctx.oidcDemo)}/">«Портал услуг»</a>.</p>`
    : ''
}
</section>
<section class="card" aria-labelledby="how-title">
<h2 id="how-title">Как система входит</h2>
<ol class="steps">
<li>Отправляет браузер на <code>${esc(ctx.portalUrl)}/aas/oauth2/v2/ac</code> с <code>client_id=${esc(ctx.clientId)}</code>,
<code>client_certificate_hash</code>, <code>state</code>, <code>timestamp</code> и <code>client_secret</code> — подписью
строки <code>client_id + scope + scope_org + timestamp + state + redirect_uri</code>.</li>
<li>Пользователь входит в OpenESIA и разрешает доступ к данным.</li>
<li>На <code>${esc(ctx.redirectUri)}</code> система проверяет <code>state</code> и обменивает код на токены
на <code>/aas/oauth2/v3/te</code>, подписав ту же строку с кодом.</li>
<li>Читает <code>/rs/prns/{oid}?embed=(contacts.elements,documents.elements)</code>, <code>/ctts</code> и <code>/docs</code>.</li>
</ol>
</section>`,
    FOOTER,
  );
}

function rows(list: ClaimRow[]): string {
  if (!list.length) return '<p>Нет данных.</p>';
  return `<dl class="claims">
${list.map((r) => `<dt>${esc(r.title)}<code>${esc(r.code)}</code></dt><dd>${esc(r.value)}</dd>`).join('\n')}
</dl>`;
}

const lowerFirst = (t: string) => (t === t.toUpperCase() ? t : t[0]!.toLowerCase() + t.slice(1));

export function esiaSignedInPage(ctx: EsiaPageContext, s: EsiaSignedIn): string {
  const p = s.person;
  const name = [p.lastName, p.firstName, p.middleName].filter((x) => typeof x === 'string' && x).join(' ');
  const granted = s.scopes.filter((x) => x !== 'openid').map((x) => lowerFirst(scopeTitles[x] ?? x));
  const sbj = s.idClaims['urn:esia:sbj'];
  const collections = [
    s.collections.ctts !== undefined && `/ctts: ${s.collections.ctts}`,
    s.collections.docs !== undefined && `/docs: ${s.collections.docs}`,
  ].filter(Boolean) as string[];
  return layout(
    ctx,
    'Полученные данные',
    `<h1>${name ? `Здравствуйте, ${esc(name)}!` : 'Вы вошли через ЕСИА'}</h1>
<p class="lead">Вот что система получила от ЕСИА (OpenESIA)${
      granted.length ? ` с вашего разрешения: ${esc(granted.join(', '))}` : ''
    }.</p>
<ul class="facts">
<li>Уровень учётной записи: ${esc(esiaLevel(sbj).toLowerCase())}</li>
<li>Способ входа: ${esc(esiaMethod(s.idClaims.amr))}</li>
</ul>
<section class="card" aria-labelledby="person-title">
<h2 id="person-title">Пользователь</h2>
${rows([{ code: 'oid', title: 'Идентификатор пользователя', value: s.oid }, ...personRows(p)])}
</section>
<section class="card" aria-labelledby="contacts-title">
<h2 id="contacts-title">Контакты</h2>
${rows(s.contacts.map(contactRow))}
</section>
<section class="card" aria-labelledby="documents-title">
<h2 id="documents-title">Документы</h2>
${rows(s.documents.map(documentRow))}
${collections.length ? `<p>Отдельно прочитаны коллекции (число элементов): ${esc(collections.join(', '))}.</p>` : ''}
</section>
<section class="card" aria-labelledby="id-token-title">
<h2 id="id-token-title">id_token</h2>
${rows([
  { code: 'urn:esia:sbj', title: 'Уровень учётной записи', value: esiaLevel(sbj) },
  { code: 'amr', title: 'Способ входа', value: esiaMethod(s.idClaims.amr) },
  { code: 'sub', title: 'Идентификатор пользователя (oid)', value: String(s.idClaims.sub ?? '') },
  { code: 'aud', title: 'Для какой системы', value: String(s.idClaims.aud ?? '') },
  { code: 'iss', title: 'Кем выдан', value: String(s.idClaims.iss ?? '') },
])}
<details><summary>Ответы ЕСИА целиком (JSON)</summary>
<pre>${esc(JSON.stringify({ id_token: s.idClaims, person: p, contacts: s.contacts, documents: s.documents }, null, 2))}</pre>
</details>
</section>
<form method="post" action="${esc(ctx.base)}/logout" class="actions">
<button class="button" type="submit">Выйти</button>
</form>`,
    FOOTER,
  );
}

/** ESIA refused, or its answer did not hold: why, in words, ESIA's own description below it. */
export function esiaRefusedPage(ctx: EsiaPageContext, message: string, detail?: string): string {
  return layout(
    ctx,
    'Вход не выполнен',
    `<h1>Вход не выполнен</h1>
<p class="notice" role="alert">${esc(message)}</p>
${detail ? `<p>Ответ ЕСИА: <code>${esc(detail)}</code></p>` : ''}
<p><a class="button secondary" href="${esc(ctx.base)}/">Попробовать снова</a></p>`,
    FOOTER,
  );
}
