import { Alert, Button, Card, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import {
  applicationSignatoryRoleLabels,
  organizationTypeLabels,
  type ApplicationDraft,
  type ApplicationView,
} from '@openesia/contracts';
import { useState } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { formatDateTime } from '../citizen/profile/texts';
import { Field, personName } from '../organization/texts';
import { downloadFile } from '../signature/shared';
import { downloadApi } from './api';
import { eventLabels, sideLabels } from './texts';

/** The form's fields, read only: a sent version, or what an operator checks. */
export function ApplicationContentView({ content }: { content: ApplicationDraft }) {
  const r = content.responsible ?? {};
  const s = content.signatory ?? {};
  const name = (p: { lastName?: string; firstName?: string; middleName?: string }) =>
    p.lastName
      ? personName({ lastName: p.lastName, firstName: p.firstName ?? '', middleName: p.middleName })
      : '';
  return (
    <Stack gap="sm">
      <Field label="Полное наименование органа (организации)" value={content.organizationFullName} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label="ОГРН" value={content.ogrn} />
        <Field
          label="Тип органа (организации)"
          value={content.organizationType ? organizationTypeLabels[content.organizationType] : ''}
        />
      </SimpleGrid>
      <Text fw={600} size="sm">
        Данные об уполномоченном лице
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label="ФИО" value={name(r)} />
        <Field label="Должность" value={r.position} />
        <Field label="Рабочий телефон" value={r.workPhone} />
        <Field label="Мобильный телефон" value={r.mobilePhone} />
        <Field label="Адрес электронной почты" value={r.email} />
      </SimpleGrid>
      <Text fw={600} size="sm">
        Подписант
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Field label="Кто подписывает" value={s.role ? applicationSignatoryRoleLabels[s.role] : ''} />
        <Field label="ФИО и должность" value={[name(s), s.position].filter(Boolean).join(', ')} />
      </SimpleGrid>
    </Stack>
  );
}

/** A file of a version, fetched with the session and saved; a refusal said in Russian. */
function FileLink({ path, label }: { path: string; label: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fetchIt = async () => {
    setError(null);
    setBusy(true);
    try {
      const file = await downloadApi(path);
      downloadFile(file.name, file.bytes, file.type);
    } catch (e) {
      setError(errorMessage(errorCodeOf(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack gap={2}>
      <Button variant="subtle" size="compact-sm" onClick={fetchIt} loading={busy} px={0}>
        {label}
      </Button>
      {error && (
        <Text size="sm" c="red" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}

/** «Отправленные версии»: each version as sent, with its signature or scan to download. */
export function ApplicationVersions({ application, base }: { application: ApplicationView; base: string }) {
  if (!application.versions.length) return null;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="versions-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="versions-title">
          Отправленные версии
        </Title>
        {[...application.versions].reverse().map((v) => (
          <Stack key={v.version} gap={4} data-testid="application-version">
            <Group gap="xs" wrap="wrap">
              <Text fw={600}>Версия {v.version}</Text>
              <Text size="sm" c="dimmed">
                {formatDateTime(v.submittedAt)}
                {v.submittedBy ? `, ${personName(v.submittedBy)}` : ''}
              </Text>
            </Group>
            {v.signer ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Подписана квалифицированной электронной подписью: {v.signer.name}, сертификат{' '}
                {v.signer.serialNumber}, выдан {v.signer.issuer}. Подпись проверена{' '}
                {formatDateTime(v.signer.verifiedAt)}.
              </Text>
            ) : v.scan ? (
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Скан подписанной на бумаге заявки: {v.scan.fileName} ({Math.ceil(v.scan.size / 1024)} КБ)
              </Text>
            ) : null}
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Контрольная сумма (SHA-256): {v.digest}
            </Text>
            <Group gap="md" wrap="wrap">
              {v.signer && (
                <>
                  <FileLink
                    path={`${base}/${application.id}/versions/${v.version}/document`}
                    label="Подписанный документ"
                  />
                  <FileLink
                    path={`${base}/${application.id}/versions/${v.version}/signature`}
                    label="Файл подписи (.p7s)"
                  />
                </>
              )}
              {v.scan && (
                <FileLink
                  path={`${base}/${application.id}/versions/${v.version}/scan`}
                  label="Скачать скан"
                />
              )}
            </Group>
          </Stack>
        ))}
      </Stack>
    </Card>
  );
}

/** «История заявки»: every step of the route, who took it and when, with remarks and reasons. */
export function ApplicationTimeline({ application }: { application: ApplicationView }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="history-title">
      <Stack gap="md">
        <Title order={2} size="h4" id="history-title">
          История заявки
        </Title>
        <Timeline active={application.events.length - 1} bulletSize={14} lineWidth={2}>
          {application.events.map((e, i) => (
            <Timeline.Item key={i} title={eventLabels[e.event]}>
              <Text size="sm" c="dimmed">
                {formatDateTime(e.at)} · {sideLabels[e.side]}
                {e.actor ? `: ${personName(e.actor)}` : ''}
                {e.version && e.event !== 'create' ? ` · версия ${e.version}` : ''}
              </Text>
              {e.comment && (
                <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
                  {e.event === 'federal_reject' ? 'Причина' : 'Замечания'}: {e.comment}
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      </Stack>
    </Card>
  );
}

/** The remarks of a return or the reason of a rejection, at the top of the page. */
export function ApplicationNotice({ application }: { application: ApplicationView }) {
  if (application.status === 'returned' && application.remarks)
    return (
      <Alert color="orange" title="Замечания регионального оператора">
        <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {application.remarks}
        </Text>
      </Alert>
    );
  if (application.status === 'rejected' && application.rejectionReason)
    return (
      <Alert color="red" title="Причина отклонения">
        <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {application.rejectionReason}
        </Text>
      </Alert>
    );
  if (application.status === 'approved')
    return <Alert color="green">Заявка согласована оператором ЕСИА.</Alert>;
  return null;
}
