import type { EsiaError } from './errors.js';

/**
 * Our page for a refusal that cannot go back to the system (unknown system, a redirect_uri not
 * registered): in Russian, with ESIA's code, without outside resources (the CSP allows only us).
 */
const escape = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

export function renderEsiaErrorPage(error: EsiaError): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Не удалось выполнить вход в систему — OpenESIA</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}code{color:#555}</style>
</head><body><h1>Не удалось выполнить вход в систему</h1>
<p>Информационная система передала неверный запрос на вход, поэтому вернуться в неё автоматически нельзя.
Сообщите об ошибке владельцу системы.</p>
<p><code>${escape(error.description)}</code></p>
<p><a href="/">На главную OpenESIA</a></p></body></html>`;
}

export function renderLogoutPage(): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Вы вышли — OpenESIA</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}h1{font-size:1.4rem}</style>
</head><body><h1>Вы вышли</h1><p>Вход через OpenESIA завершён.</p><p><a href="/">На главную OpenESIA</a></p></body></html>`;
}
