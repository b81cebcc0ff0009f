/**
 * ESIA's error codes and their messages, verbatim as the public client libraries catalogue them
 * (ofstudio/go-api-epgu esia/aas/errors.go, from ESIA's Методические рекомендации), each with the
 * OAuth 2.0 error (RFC 6749 §4.1.2.1, §5.2) it is sent under. Clients match the description's
 * `ESIA-0070xx` prefix, so the code leads the description: `ESIA-007014: …`.
 */
export const esiaErrors = {
  'ESIA-007002': {
    error: 'invalid_client',
    message:
      'Несоответствие сертификата и мнемоники информационной системы или отсутствие сертификата для данной системы в ЕСИА',
  },
  'ESIA-007003': {
    error: 'invalid_request',
    message:
      'В запросе отсутствует обязательный параметр, запрос включает в себя неверное значение параметра или включает параметр несколько раз',
  },
  'ESIA-007004': {
    error: 'access_denied',
    message: 'Владелец ресурса или сервис авторизации отклонил запрос',
  },
  'ESIA-007005': {
    error: 'unauthorized_client',
    message: 'Система-клиент не имеет права запрашивать получение маркера доступа таким методом',
  },
  'ESIA-007006': {
    error: 'invalid_scope',
    message: 'Запрошенная область доступа (scope) указана неверно, неизвестно или сформирована некорректно',
  },
  'ESIA-007007': {
    error: 'server_error',
    message:
      'Возникла неожиданная ошибка в работе сервиса авторизации, которая привела к невозможности выполнить запрос',
  },
  'ESIA-007009': {
    error: 'unsupported_grant_type',
    message: 'Сервис авторизации не поддерживает получение маркера доступа этим методом',
  },
  'ESIA-007011': {
    error: 'invalid_grant',
    message:
      'Авторизационный код или маркер обновления недействителен, просрочен, отозван или не соответствует адресу ресурса, указанному в запросе на авторизацию, или был выдан другой системе-клиенту',
  },
  'ESIA-007012': {
    error: 'unsupported_response_type',
    message: 'Тип авторизационного кода не поддерживается сервисом авторизации',
  },
  'ESIA-007013': {
    error: 'invalid_scope',
    message: 'Запрос не содержит указания на область доступа (scope)',
  },
  'ESIA-007014': { error: 'invalid_request', message: 'Запрос не содержит обязательного параметра' },
  'ESIA-007015': { error: 'invalid_request', message: 'Неверное время запроса' },
  'ESIA-007023': {
    error: 'invalid_request',
    message: 'Указанный в запросе <redirect_uri> отсутствует среди разрешенных для ИС',
  },
  'ESIA-007039': {
    error: 'invalid_request',
    message: 'В изначальном запросе на /v2/ac, параметр <code_challenge> не был указан',
  },
  'ESIA-007040': { error: 'invalid_grant', message: 'Ошибка сравнения исходного и контрольного значений' },
  'ESIA-007053': {
    error: 'invalid_client',
    message:
      'client_secret сформирован некорректно. client_secret не соответствует строке-сертификату, информационной системе или используемый сертификат не активен',
  },
  'ESIA-007055': {
    error: 'access_denied',
    message: 'Вход в систему осуществляется с неподтверждённой учётной записью',
  },
  'ESIA-008010': { error: 'invalid_client', message: 'Не удалось произвести аутентификацию системы-клиента' },
} as const;

export type EsiaErrorCode = keyof typeof esiaErrors;

/**
 * A refusal of the ESIA-compatible interface. `redirect`: whether it may go back to the system
 * (only once its redirect_uri is proven registered, RFC 6749 §4.1.2.1); otherwise the person sees
 * our error page.
 */
export class EsiaError extends Error {
  constructor(
    readonly code: EsiaErrorCode,
    /** what exactly was wrong, for the log and the error page (never personal data) */
    readonly detail?: string,
  ) {
    super(`${code}${detail ? ` (${detail})` : ''}`);
  }

  get oauthError(): string {
    return esiaErrors[this.code].error;
  }

  get description(): string {
    return `${this.code}: ${esiaErrors[this.code].message}`;
  }

  /** The answer's body as ESIA gives it: query of the redirect, JSON of the token endpoint. */
  body(state: string | undefined): { error: string; error_description: string; state?: string } {
    return { error: this.oauthError, error_description: this.description, ...(state ? { state } : {}) };
  }
}
