import { Stack, Text, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { useCenter, useCenters, useRememberCenter } from './api';
import { centerValues, newCenterValues } from './centerForm';
import { CenterForm } from './CenterForm';
import { Loading, TechError, TechPortalPage, TechTrail } from './TechPortal';

/** What the center's page says after a save, passed with the navigation. */
export type SavedNotice = { saved: 'created' | 'updated' };

/** «Добавить центр обслуживания»: saved as «Недействующий», in the organization's region by default. */
export function NewCenterPage() {
  return (
    <TechPortalPage>
      <NewCenter />
    </TechPortalPage>
  );
}

function NewCenter() {
  const list = useCenters();
  const navigate = useNavigate();
  const remember = useRememberCenter();
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <TechTrail
          items={[
            { label: 'Центры обслуживания', to: '/tech/centers' },
            { label: 'Новый центр обслуживания' },
          ]}
        />
        <Title order={1}>Добавить центр обслуживания</Title>
        <Text c="dimmed">
          Центр будет создан со статусом «Недействующий». Статус «Действующий» присваивается кнопкой
          «Редактировать», когда заполнены все сведения и прикреплён оператор.
        </Text>
      </Stack>
      {list.isPending && <Loading />}
      {list.isError && <TechError error={list.error} />}
      {list.isSuccess && (
        <CenterForm
          initialValues={newCenterValues(list.data.organizationRegionCode)}
          allowedServices={list.data.allowedServices}
          onSaved={async (view) => {
            await remember(view);
            void navigate(`/tech/centers/${view.id}`, { state: { saved: 'created' } satisfies SavedNotice });
          }}
          onCancel={() => void navigate('/tech/centers')}
        />
      )}
    </Stack>
  );
}

/** «Редактировать»: every field, and «Статус». */
export function EditCenterPage() {
  return (
    <TechPortalPage>
      <EditCenter />
    </TechPortalPage>
  );
}

function EditCenter() {
  const { centerId = '' } = useParams();
  const center = useCenter(centerId);
  const navigate = useNavigate();
  const remember = useRememberCenter();
  const back = `/tech/centers/${encodeURIComponent(centerId)}`;
  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <TechTrail
          items={[
            { label: 'Центры обслуживания', to: '/tech/centers' },
            ...(center.data ? [{ label: center.data.name, to: back }] : []),
            { label: 'Редактирование' },
          ]}
        />
        <Title order={1}>Редактирование центра обслуживания</Title>
      </Stack>
      {center.isPending && <Loading />}
      {center.isError && <TechError error={center.error} />}
      {center.isSuccess && (
        <CenterForm
          // a newer revision read again (after a stale refusal) starts the form from it
          key={center.data.revision}
          initialValues={centerValues(center.data)}
          allowedServices={center.data.allowedServices}
          center={center.data}
          onSaved={async (view) => {
            await remember(view);
            void navigate(back, { state: { saved: 'updated' } satisfies SavedNotice });
          }}
          onCancel={() => void navigate(back)}
          onReload={() => void center.refetch()}
        />
      )}
    </Stack>
  );
}
