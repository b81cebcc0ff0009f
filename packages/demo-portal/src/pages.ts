import { claimRows, fullName, levelTitles, scopeTitles, type ClaimRow } from './labels.js';
import type { SignedIn } from './relying-party.js';

/** Text into HTML: every value the provider or the address sent is escaped. */
export function esc(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

// One stylesheet inline (the server's CSP allows inline styles, no scripts): a phone of 390 px
// gets one column, nothing wider than the screen.
const style = `
*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d2733;background:#f3f5f8}
a{color:#0b5cad}
.bar{background:#0d4cd3;color:#fff}
.bar .wrap{display:flex;align-items:center;gap:12px;padding-top:14px;padding-bottom:14px}
.logo{font-weight:700;font-size:20px;color:#fff;text-decoration:none;display:flex;align-items:center;gap:10px}
.logo-mark{display:inline-grid;place-items:center;width:32px;height:32px;border-radius:8px;background:#fff;color:#0d4cd3;font-weight:800}
.badge{font-size:12px;text-transform:uppercase;letter-spacing:.04em;background:rgba(255,255,255,.18);padding:2px 8px;border-radius:999px}
.wrap{max-width:880px;margin:0 auto;padding-left:16px;padding-right:16px}
main{padding-top:24px;padding-bottom:32px}
h1{font-size:28px;line-height:1.25;margin:0 0 8px}
h2{font-size:20px;margin:0 0 12px}
.lead{color:#4a5868;margin:0 0 24px}
.card{background:#fff;border:1px solid #dde3ea;border-radius:12px;padding:20px;margin-bottom:20px}
fieldset{border:0;margin:0 0 16px;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:8px;padding:0}
.choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(240px,1fr));gap:8px}
.choice{display:flex;gap:10px;align-items:flex-start;padding:10px 12px;border:1px solid #dde3ea;border-radius:8px;cursor:pointer}
.choice input{margin-top:4px;flex-shrink:0;width:18px;height:18px}
.choice code{display:block;font-size:12px;color:#556375}
.button{display:inline-block;font:inherit;font-weight:600;border:0;border-radius:8px;padding:12px 22px;background:#0d4cd3;color:#fff;cursor:pointer;text-decoration:none}
.button:hover{background:#0a3ea9}
.button.secondary{background:#fff;color:#0d4cd3;border:1px solid #0d4cd3}
.facts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 20px;padding:0;list-style:none}
.facts li{background:#e8effd;color:#0d3a99;border-radius:999px;padding:4px 12px;font-size:14px}
dl.claims{display:grid;grid-template-columns:minmax(180px,1fr) 2fr;margin:0;border-top:1px solid #eef1f5}
dl.claims dt,dl.claims dd{margin:0;padding:10px 0;border-bottom:1px solid #eef1f5;min-width:0}
dl.claims dt{color:#4a5868;padding-right:16px}
dl.claims dt code{display:block;font-size:12px;color:#5f6d80}
dl.claims dd{overflow-wrap:anywhere;font-weight:500}
ol.steps{padding-left:20px;margin:0}
ol.steps li{margin-bottom:6px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.9em;overflow-wrap:anywhere}
pre{background:#f3f5f8;border-radius:8px;padding:12px;overflow-x:auto;font-size:13px;margin:12px 0 0}
details summary{cursor:pointer;color:#0b5cad;margin-top:8px}
.notice{border-left:4px solid #d9480f;background:#fff4e6;padding:12px 16px;border-radius:4px;margin-bottom:20px}
.actions{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
footer{color:#556375;font-size:14px;padding-bottom:32px}
@media (max-width:600px){
  h1{font-size:24px}
  .card{padding:16px}
  dl.claims{grid-template-columns:1fr}
  dl.claims dt{border-bottom:0;padding-bottom:0}
  dl.claims dd{padding-top:2px}
  .button{width:100%;text-align:center}
}
`;

export interface PageContext {
  /** where the portal is mounted, e.g. /demo-portal */
  base: string;
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** where the sibling demo on the ESIA-compatible interface is, if it is mounted */
  esiaDemo?: string;
}

const OIDC_FOOTER = 'Демонстрационная система, подключённая к OpenESIA по протоколу OpenID Connect.';

export function layout(ctx: { base: string }, title: string, body: string, footer = OIDC_FOOTER): string {
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} — Портал услуг</title>
<style>${style}</style>
</head>
<body>
<header class="bar"><div class="wrap">
<a class="logo" href="${esc(ctx.base)}/"><span class="logo-mark" aria-hidden="true">П</span>Портал услуг</a>
<span class="badge">демонстрация</span>
</div></header>
<main class="wrap">
${body}
</main>
<footer class="wrap">
${esc(footer)}
<a href="/">На главную OpenESIA</a>
</footer>
</body>
</html>`;
}

/** Scopes chosen on the start page before the person changes anything. */
const DEFAULT_SCOPES = new Set(['fullname', 'birthdate', 'snils']);

/** The level a system may require (acr_values), as the start page offers it. */
export const requiredLevels: { value: string; title: string }[] = [
  { value: '', title: 'Любой' },
  { value: 'urn:openesia:loa:standard', title: 'Стандартная или подтверждённая' },
  { value: 'urn:openesia:loa:confirmed', title: 'Только подтверждённая' },
];

/** «Войти через OpenESIA»: the data to ask for and the level to require. */
export function startPage(ctx: PageContext, scopes: string[]): string {
  // The scopes this portal knows what to do with; others the provider publishes (ESIA's REST-only
  // ones such as kid_fullname give no OpenID Connect claim) are not offered.
  const offered = scopes.filter((s) => s in scopeTitles);
  const choices = offered
    .map(
      (s) =>
        `<label class="choice"><input type="checkbox" name="scope" value="${esc(s)}"${
          DEFAULT_SCOPES.has(s) ? ' checked' : ''
        }><span>${esc(scopeTitles[s] ?? s)}<code>${esc(s)}</code></span></label>`,
    )
    .join('\n');
  const levels = requiredLevels
    .map(
      (l, i) =>
        `<label class="choice"><input type="radio" name="acr" value="${esc(l.value)}"${i === 0 ? ' checked' : ''}><span>${esc(l.title)}</span></label>`,
    )
    .join('\n');
  return layout(
    ctx,
    'Вход',
    `<h1>Портал услуг</h1>
<p class="lead">Демонстрационная информационная система. Она входит через OpenESIA, как это делает любая
подключённая система, и показывает, какие данные о пользователе получила.</p>
<section class="card" aria-labelledby="sign-in-title">
<h2 id="sign-in-title">Войти через OpenESIA</h2>
<form method="get" action="${esc(ctx.base)}/login">
<fieldset><legend>Какие данные запросить</legend>
<div class="choices">
${choices}
</div></fieldset>
<fieldset><legend>Требуемый уровень учётной записи</legend>
<div class="choices">
${levels}
</div></fieldset>
<button class="button" type="submit">Войти через OpenESIA</button>
</form>
${
  ctx.esiaDemo
    ? `<p>Та же система, подключённая как к ЕСИА (подписанный <code>client_secret</code>, <code>/aas/oauth2/v2/ac</code>, <code>/rs/prns</code>):
<a href="${esc(ctx.esiaDemo)}/">Войти через ЕСИА-совместимый интерфейс</a></p>`
    : ''
}
</section>
<section class="card" aria-labelledby="how-title">
<h2 id="how-title">Как портал входит</h2>
<ol class="steps">
<li>Читает настройки провайдера: <code>${esc(ctx.issuer)}/.well-known/openid-configuration</code>.</li>
<li>Отправляет браузер на авторизацию с кодом (<code>response_type=code</code>), PKCE S256, <code>state</code> и <code>nonce</code>.</li>
<li>Пользователь входит в OpenESIA и разрешает доступ к данным.</li>
<li>На <code>${esc(ctx.redirectUri)}</code> портал обменивает код на токены (<code>client_secret_basic</code>, <code>client_id=${esc(ctx.clientId)}</code>), проверяет подпись id_token и запрашивает UserInfo.</li>
</ol>
</section>`,
  );
}

function claimList(rows: ClaimRow[]): string {
  if (!rows.length) return '<p>Нет данных.</p>';
  return `<dl class="claims">
${rows.map((r) => `<dt>${esc(r.title)}<code>${esc(r.code)}</code></dt><dd>${esc(r.value)}</dd>`).join('\n')}
</dl>`;
}

/** What the portal received: the id token's claims and the user info, with Russian titles. */
export function signedInPage(ctx: PageContext, signedIn: SignedIn): string {
  const name = fullName(signedIn.userinfo) ?? fullName(signedIn.claims);
  const level = levelTitles[String(signedIn.claims.acr)];
  const facts = [
    level && `Уровень учётной записи: ${level.toLowerCase()}`,
    ...claimRows({ amr: signedIn.claims.amr }).map((r) => `Способ входа: ${r.value}`),
  ].filter(Boolean) as string[];
  const granted = signedIn.scope
    .split(' ')
    .filter((s) => s && s !== 'openid')
    .map((s) => scopeTitles[s] ?? s)
    // mid-sentence: «дата рождения», but «ФИО», «СНИЛС»
    .map((t) => (t === t.toUpperCase() ? t : t[0].toLowerCase() + t.slice(1)));
  return layout(
    ctx,
    'Полученные данные',
    `<h1>${name ? `Здравствуйте, ${esc(name)}!` : 'Вы вошли через OpenESIA'}</h1>
<p class="lead">Вот что портал получил от OpenESIA${
      granted.length ? ` с вашего разрешения: ${esc(granted.join(', '))}` : ''
    }.</p>
<ul class="facts">${facts.map((f) => `<li>${esc(f)}</li>`).join('')}</ul>
<section class="card" aria-labelledby="id-token-title">
<h2 id="id-token-title">Данные из id_token</h2>
${claimList(claimRows(signedIn.claims))}
</section>
<section class="card" aria-labelledby="userinfo-title">
<h2 id="userinfo-title">Данные из UserInfo</h2>
${claimList(claimRows(signedIn.userinfo))}
<details><summary>Ответ провайдера целиком (JSON)</summary>
<pre>${esc(JSON.stringify({ id_token: signedIn.claims, userinfo: signedIn.userinfo }, null, 2))}</pre>
</details>
</section>
<form method="post" action="${esc(ctx.base)}/logout" class="actions">
<button class="button" type="submit">Выйти</button>
</form>`,
  );
}

/** The sign-in did not end with the person's data: why, in words, and the way back. */
export function refusedPage(ctx: PageContext, message: string): string {
  return layout(
    ctx,
    'Вход не выполнен',
    `<h1>Вход не выполнен</h1>
<p class="notice" role="alert">${esc(message)}</p>
<p><a class="button secondary" href="${esc(ctx.base)}/">Попробовать снова</a></p>`,
  );
}
