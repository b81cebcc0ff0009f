import type { KoaContextWithOIDC } from 'oidc-provider';

/**
 * The few pages node-oidc-provider renders itself (an error it cannot send back to a system, the
 * sign-out question), in Russian and without outside resources (the content security policy
 * allows only this site).
 */

const escape = (value: unknown): string =>
  String(value ?? '').replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} — OpenESIA</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.4rem}button{font-size:1rem;padding:.5rem 1rem;margin:.25rem .5rem .25rem 0}code{color:#555}</style>
</head><body><h1>${escape(title)}</h1>${body}</body></html>`;
}

/** Errors that cannot go back to the system (unknown client, wrong redirect URI...). */
export async function renderErrorPage(
  ctx: KoaContextWithOIDC,
  out: { error: string; error_description?: string },
): Promise<void> {
  ctx.type = 'html';
  ctx.body = page(
    'Не удалось выполнить вход в систему',
    `<p>Информационная система передала неверный запрос на вход, поэтому вернуться в неё автоматически нельзя.
Сообщите об ошибке владельцу системы.</p>
<p><code>${escape(out.error)}${out.error_description ? `: ${escape(out.error_description)}` : ''}</code></p>
<p><a href="/">На главную OpenESIA</a></p>`,
  );
}

export async function renderLogoutPage(ctx: KoaContextWithOIDC, form: string): Promise<void> {
  ctx.body = page(
    'Выход из информационных систем',
    `${form}<p>Завершить вход через OpenESIA в системах, в которые вы вошли? Вход в сам OpenESIA останется.</p>
<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Выйти</button>
<button type="submit" form="op.logoutForm">Остаться</button>`,
  );
}

export async function renderLogoutSuccessPage(ctx: KoaContextWithOIDC): Promise<void> {
  const name = ctx.oidc.client?.clientName;
  ctx.body = page(
    'Вы вышли',
    `<p>Вы вышли${name ? ` из системы «${escape(name)}»` : ''}.</p><p><a href="/">На главную OpenESIA</a></p>`,
  );
}
