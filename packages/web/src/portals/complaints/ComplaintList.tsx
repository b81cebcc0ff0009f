import { Alert, Button, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import {
  complaintFilterLabels,
  complaintFilters,
  type ComplaintFilter,
  type ComplaintView,
} from '@openesia/contracts';
import type { ReactNode } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { useComplaints, type ComplaintsSide } from './api';
import { ComplaintCard } from './texts';

/**
 * A list of complaints with its filter («Все», «Без ответа», «Просроченные», with the counts of
 * the whole list), page by page. `refused`: what to say instead of the code when the person may
 * not see this list; `actions`: what they may do with each complaint.
 */
export function ComplaintList({
  side,
  filter,
  onFilter,
  refused,
  actions,
}: {
  side: ComplaintsSide;
  filter: ComplaintFilter;
  onFilter(filter: ComplaintFilter): void;
  refused?: (code: string) => ReactNode | null;
  actions?: (complaint: ComplaintView) => ReactNode;
}) {
  const list = useComplaints(side, filter);
  if (list.isPending) return <Loader size="sm" role="status" aria-label="Загрузка жалоб" />;
  if (list.isError) {
    const code = errorCodeOf(list.error);
    return (
      refused?.(code) ?? (
        <Alert color="red" role="alert">
          {errorMessage(code)}
        </Alert>
      )
    );
  }
  const complaints = list.data.pages.flatMap((p) => p.complaints);
  const counts = list.data.pages[0]!.counts;
  const label = (f: ComplaintFilter) =>
    f === 'awaiting_answer'
      ? `${complaintFilterLabels[f]} (${counts.awaitingAnswer})`
      : f === 'overdue'
        ? `${complaintFilterLabels[f]} (${counts.overdue})`
        : complaintFilterLabels[f];
  return (
    <Stack gap="md">
      <SegmentedControl
        value={filter}
        onChange={(value) => onFilter(value as ComplaintFilter)}
        data={complaintFilters.map((f) => ({ value: f, label: label(f) }))}
        aria-label="Какие жалобы показать"
        fullWidth
        // the labels with their counts wrap on a phone rather than run off the screen
        styles={{ label: { whiteSpace: 'normal' } }}
      />
      {complaints.length === 0 && (
        <Text c="dimmed">
          {filter === 'all'
            ? 'Жалоб нет.'
            : filter === 'overdue'
              ? 'Просроченных жалоб нет.'
              : 'Все жалобы рассмотрены.'}
        </Text>
      )}
      {complaints.map((c) => (
        <ComplaintCard key={c.id} complaint={c} showOrganization={side !== 'organization'}>
          {actions?.(c)}
        </ComplaintCard>
      ))}
      {list.hasNextPage && (
        <div>
          <Button variant="default" onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Показать ещё
          </Button>
        </div>
      )}
    </Stack>
  );
}
