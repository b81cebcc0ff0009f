import { Alert, Anchor, Button, Card, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import {
  passwordDeliveryLabels,
  workstationOperationLabels,
  type WorkstationOperationResult,
} from '@openesia/contracts';
import { checkFailureText, formatDateTime } from '../citizen/profile/texts';
import { documentUrl, useOperation, type WorkstationDocumentKind } from './api';
import { levelShort } from './texts';

const documentLabels: Record<WorkstationDocumentKind, string> = {
  application: 'Заявление',
  consent: 'Согласие на обработку персональных данных',
  receipt: 'Расписка с временным паролем',
};

/**
 * The operation's outcome: done, being checked in СФР and МВД (asked again every 2 s), or failed
 * with the reasons; and the papers to print for the citizen.
 */
export function OperationResultView({
  initial,
  onNewSearch,
}: {
  initial: WorkstationOperationResult;
  onNewSearch: () => void;
}) {
  const operation = useOperation(initial);
  const r = operation.data;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="ra-result-title">
      <Stack gap="md">
        <Title order={1} size="h3" id="ra-result-title">
          {workstationOperationLabels[r.operation]}
        </Title>
        {r.state === 'done' && (
          <Alert color="green" title="Операция выполнена" role="status">
            {r.level ? `Уровень учётной записи: ${levelShort[r.level]}. ` : ''}
            {r.passwordDelivery === 'sms' && 'Временный пароль отправлен в SMS на мобильный телефон. '}
            {r.passwordDelivery === 'print' && 'Временный пароль напечатан в расписке. '}
            {r.passwordDelivery && 'При первом входе гражданин сменит временный пароль на свой.'}
          </Alert>
        )}
        {r.state === 'awaiting_checks' && (
          <Alert color="blue" title="Проверка данных в СФР и МВД…" role="status">
            <Group gap="sm" wrap="nowrap">
              <Loader size="sm" aria-hidden />
              <Text size="sm">Результат появится здесь автоматически, обычно в течение минуты.</Text>
            </Group>
          </Alert>
        )}
        {r.state === 'checks_failed' && (
          <Alert color="red" title="Проверка не пройдена" role="alert">
            <List size="sm" spacing={4}>
              {r.failureReasons.map((reason) => (
                <List.Item key={reason}>{checkFailureText[reason]?.title ?? reason}</List.Item>
              ))}
            </List>
          </Alert>
        )}
        <Stack gap={2}>
          {r.oid && <Text size="sm">Идентификатор учётной записи (OID): {r.oid}</Text>}
          {r.passwordDelivery && (
            <Text size="sm">Способ выдачи пароля: {passwordDeliveryLabels[r.passwordDelivery]}</Text>
          )}
          <Text size="sm" c="dimmed">
            {formatDateTime(r.performedAt)}
          </Text>
        </Stack>
        {r.documents.length > 0 && (
          <Stack gap={4}>
            <Text fw={600}>Печать документов</Text>
            <List size="sm" spacing={4}>
              {r.documents.map((kind) => (
                <List.Item key={kind}>
                  <Anchor href={documentUrl(r.operationId, kind)} target="_blank" rel="noopener">
                    {documentLabels[kind]}
                  </Anchor>
                </List.Item>
              ))}
            </List>
          </Stack>
        )}
        <div>
          <Button onClick={onNewSearch}>Новый поиск</Button>
        </div>
      </Stack>
    </Card>
  );
}
