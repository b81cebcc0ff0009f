import {
  Alert,
  Button,
  Card,
  Group,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import {
  searchKeyLabels,
  workstationOperationLabels,
  type WorkstationOperation,
  type WorkstationSearchAnswer,
  type WorkstationSearchResult,
  type WorkstationSession,
} from '@openesia/contracts';
import { isoToRu } from '../citizen/profile/texts';
import { Fragment } from 'react';
import { confirmationMethodShort, levelShort, unavailableReasonText } from './texts';

/**
 * What each found account offers: the available operations as buttons; one the center or the
 * operator's group does not allow stays in sight, disabled, saying why (the operator can send
 * the citizen elsewhere); one that does not fit the account's state is not shown at all.
 */
export function OperationButtons({
  result,
  onOperation,
}: {
  result: WorkstationSearchResult;
  onOperation: (operation: WorkstationOperation, result: WorkstationSearchResult) => void;
}) {
  const shown = result.operations.filter((o) => o.available || o.reason !== 'account_state');
  if (shown.length === 0) return <Text size="sm">Операций нет</Text>;
  return (
    <Group gap={6} wrap="wrap">
      {shown.map(({ operation, available, reason }) =>
        available ? (
          <Button
            key={operation}
            size="xs"
            variant={operation === 'deletion' ? 'outline' : 'light'}
            color={operation === 'deletion' ? 'red' : undefined}
            onClick={() => onOperation(operation, result)}
            style={{ whiteSpace: 'normal', height: 'auto', minHeight: 30 }}
          >
            {workstationOperationLabels[operation]}
          </Button>
        ) : (
          <Tooltip key={operation} label={unavailableReasonText[reason ?? 'account_state']} withArrow>
            <Button
              size="xs"
              variant="default"
              data-disabled
              aria-disabled
              onClick={(e) => e.preventDefault()}
              style={{ whiteSpace: 'normal', height: 'auto', minHeight: 30 }}
            >
              {workstationOperationLabels[operation]}
              <VisuallyHidden>: {unavailableReasonText[reason ?? 'account_state']}</VisuallyHidden>
            </Button>
          </Tooltip>
        ),
      )}
    </Group>
  );
}

const columns = [
  'ФИО',
  'Дата рождения',
  'СНИЛС',
  'Телефон',
  'Email',
  'Документ',
  'Уровень',
  'Способ подтверждения',
  'Найдено по',
] as const;

function cells(r: WorkstationSearchResult): string[] {
  return [
    r.name,
    r.birthDate ? isoToRu(r.birthDate) : '—',
    r.snils ?? '—',
    r.phone ?? '—',
    r.email ?? '—',
    r.document ?? '—',
    levelShort[r.level],
    r.confirmationMethod ? confirmationMethodShort[r.confirmationMethod] : '—',
    r.matchedBy.map((k) => searchKeyLabels[k]).join(', '),
  ];
}

/** Why «Регистрация» is not offered: the center, the group, or an account with the same documents. */
function registrationRefusal(session: WorkstationSession): string {
  if (!session.center?.services.includes('registration'))
    return 'Центр обслуживания не оказывает услугу «Регистрация».';
  if (!session.operations.includes('registration'))
    return 'Регистрировать учётные записи могут сотрудники группы «Специалисты по регистрации и подтверждению».';
  return 'Найдена учётная запись с теми же документами: выполните операцию с ней.';
}

export function SearchResults({
  answer,
  session,
  onOperation,
  onRegister,
}: {
  answer: WorkstationSearchAnswer;
  session: WorkstationSession;
  onOperation: (operation: WorkstationOperation, result: WorkstationSearchResult) => void;
  onRegister: (withReason: boolean) => void;
}) {
  const { results, registration } = answer;
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="ra-results-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="ra-results-title">
          Результаты поиска
        </Title>
        <Text size="sm" c="dimmed">
          Искали по: {answer.searchedBy.map((k) => searchKeyLabels[k]).join(', ')}
        </Text>
        {results.length === 0 && (
          <Alert color="blue" title="Учётная запись не найдена" role="status">
            {registration === 'offered'
              ? 'Можно зарегистрировать новую учётную запись.'
              : registrationRefusal(session)}
          </Alert>
        )}
        {results.length > 0 && (
          <>
            <Table.ScrollContainer minWidth={1000} visibleFrom="lg">
              <Table striped withTableBorder verticalSpacing="sm" data-testid="ra-results">
                <Table.Thead>
                  <Table.Tr>
                    {columns.map((c) => (
                      <Table.Th key={c}>{c}</Table.Th>
                    ))}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {results.map((r) => (
                    <Fragment key={r.accountId}>
                      <Table.Tr>
                        {cells(r).map((value, i) => (
                          // break-word, not anywhere: a column is never narrower than its longest
                          // word («Стандартная» was split in two); the container scrolls instead
                          <Table.Td key={columns[i]} style={{ overflowWrap: 'break-word' }}>
                            {i === 6 ? (
                              <Text fw={600} size="sm">
                                {value}
                              </Text>
                            ) : (
                              value
                            )}
                          </Table.Td>
                        ))}
                      </Table.Tr>
                      <Table.Tr>
                        <Table.Td colSpan={columns.length}>
                          <OperationButtons result={r} onOperation={onOperation} />
                        </Table.Td>
                      </Table.Tr>
                    </Fragment>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Stack gap="sm" hiddenFrom="lg">
              {results.map((r) => (
                <Card key={r.accountId} withBorder padding="sm" data-testid="ra-result-card">
                  <Stack gap="xs">
                    <SimpleGrid cols={{ base: 1, xs: 2 }} spacing={4} verticalSpacing={4}>
                      {cells(r).map((value, i) => (
                        <Text key={columns[i]} size="sm" style={{ overflowWrap: 'anywhere' }}>
                          <Text span c="dimmed" size="sm">
                            {columns[i]}:
                          </Text>{' '}
                          {value}
                        </Text>
                      ))}
                    </SimpleGrid>
                    <OperationButtons result={r} onOperation={onOperation} />
                  </Stack>
                </Card>
              ))}
            </Stack>
          </>
        )}
        {registration === 'offered' && (
          <div>
            <Button onClick={() => onRegister(false)}>{workstationOperationLabels.registration}</Button>
          </div>
        )}
        {registration === 'with_reason' && (
          <Stack gap={4} align="flex-start">
            <Text size="sm">
              Если заявитель — другой человек, зарегистрируйте новую учётную запись, указав причину.
            </Text>
            <Button variant="outline" onClick={() => onRegister(true)}>
              Зарегистрировать новую учётную запись
            </Button>
          </Stack>
        )}
        {registration === 'not_offered' && results.length > 0 && (
          <Text size="sm" c="dimmed">
            Регистрация новой учётной записи недоступна. {registrationRefusal(session)}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
