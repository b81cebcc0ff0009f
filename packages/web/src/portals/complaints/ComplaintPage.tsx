import { Alert, Button, Card, Loader, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import type { GetInputPropsReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import {
  complaintCategories,
  complaintCategoryLabels,
  complaintRequestSchema,
  regions,
  type ComplaintAccepted,
  type ComplaintOrganization,
  type ComplaintRequest,
  type PublicCenter,
} from '@openesia/contracts';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useSession } from '../../api/session';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { formatDate } from '../citizen/profile/texts';
import { useCenterCard } from '../map/api';
import { submitComplaint, useComplaintOrganizations } from './api';

const regionOptions = regions.map(([code, name]) => ({ value: code, label: `${code} — ${name}` }));
const categoryOptions = complaintCategories.map((c) => ({ value: c, label: complaintCategoryLabels[c] }));

interface Values extends Record<string, unknown> {
  regionCode: string | null;
  organizationId: string | null;
  category: string | null;
  text: string;
  place: string;
  email: string;
  /** the center of the map's card (`?center=`), while its organization stays chosen */
  centerId: string | null;
}

/** Empty, or from the map's card: its organization, its region, and its name and address as the place. */
const initialValues = (center: PublicCenter | null): Values => ({
  regionCode: center?.regionCode ?? null,
  organizationId: center?.organizationId ?? null,
  category: null,
  text: '',
  place: center ? `${center.name}, ${center.address}` : '',
  email: '',
  centerId: center?.id ?? null,
});

/** The request from the form: an unchosen list is empty (the contract says «required»). */
const toInput = (v: Values): ComplaintRequest => ({
  organizationId: v.organizationId ?? '',
  category: (v.category ?? '') as ComplaintRequest['category'],
  text: v.text,
  place: v.place,
  email: v.email,
  ...(v.centerId ? { centerId: v.centerId } : {}),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * «Пожаловаться на центр обслуживания» (issue 10): anyone, signed in or not, names the
 * organization whose center served them (from the authorized organizations, by region and name),
 * what went wrong and, if they wish, an e-mail for the answer. The organization must answer by
 * the deadline; the regional operator and the operator of ЕСИА see the unanswered ones.
 */
export function ComplaintPage() {
  const [accepted, setAccepted] = useState<ComplaintAccepted | null>(null);
  // «Пожаловаться на центр обслуживания» on a center's card on the map links here with its id.
  const [params] = useSearchParams();
  const asked = params.get('center');
  const centerId = asked && UUID.test(asked) ? asked : null;
  const card = useCenterCard(centerId);
  return (
    <Stack maw={720} mx="auto" gap="lg">
      <Stack gap="xs">
        <Title order={1}>Пожаловаться на центр обслуживания</Title>
        <Text c="dimmed">
          Если в центре обслуживания вам отказали, вас обслужили неправильно или сведения о центре неверны,
          расскажите об этом. Жалобу получит ответственный за центры обслуживания организации; ответить на неё
          нужно в установленный срок, а жалобы без ответа видят региональный оператор и оператор ЕСИА.
        </Text>
      </Stack>
      {accepted ? (
        <Accepted accepted={accepted} onAnother={() => setAccepted(null)} />
      ) : centerId && card.isPending ? (
        <Loader size="sm" role="status" aria-label="Загрузка сведений о центре обслуживания" />
      ) : (
        <>
          {asked && !card.data && (
            <Alert color="yellow">
              Центр обслуживания из ссылки не найден на карте: возможно, он больше не работает. Выберите
              организацию и укажите адрес центра сами.
            </Alert>
          )}
          <ComplaintForm onAccepted={setAccepted} center={card.data ?? null} />
        </>
      )}
    </Stack>
  );
}

function Accepted({ accepted, onAnother }: { accepted: ComplaintAccepted; onAnother(): void }) {
  return (
    <Alert color="green" role="status" title={`Жалоба № ${accepted.number} принята`}>
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          Организация «{accepted.organization.shortName}» должна ответить на жалобу до{' '}
          {formatDate(accepted.answerDueAt)}.{' '}
          {accepted.answerByEmail
            ? 'Ответ придёт на указанный вами адрес электронной почты.'
            : 'Вы не указали адрес электронной почты, поэтому ответ вам не придёт; жалоба всё равно будет рассмотрена.'}
        </Text>
        <Text size="sm">Запомните номер жалобы: по нему её найдут, если вы обратитесь снова.</Text>
        <Button variant="light" size="xs" onClick={onAnother}>
          Подать ещё одну жалобу
        </Button>
      </Stack>
    </Alert>
  );
}

export function ComplaintForm({
  onAccepted,
  center = null,
}: {
  onAccepted(accepted: ComplaintAccepted): void;
  /** the center of the map's card the person came from */
  center?: PublicCenter | null;
}) {
  const session = useSession();
  const { form, mutation, formError, onSubmit } = useApiForm<Values, ComplaintRequest, ComplaintAccepted>({
    initialValues: initialValues(center),
    schema: complaintRequestSchema,
    toInput,
    submit: submitComplaint,
    onSuccess: onAccepted,
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });
  const values = form.getValues();
  const aboutCenter = center && values.centerId === center.id ? center : null;
  return (
    <Card withBorder padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="md">
          {aboutCenter && (
            <Alert color="stateBlue" title="Жалоба на центр обслуживания">
              <Text size="sm">
                {aboutCenter.name}, {aboutCenter.address} ({aboutCenter.organizationShortName})
              </Text>
            </Alert>
          )}
          <Select
            label="Регион"
            description="Чтобы быстрее найти организацию"
            placeholder="Любой регион"
            data={regionOptions}
            searchable
            clearable
            nothingFoundMessage="Регион не найден"
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('regionCode')}
            onChange={(value) => {
              form.setFieldValue('regionCode', value);
              form.setFieldValue('organizationId', null);
              form.setFieldValue('centerId', null);
            }}
          />
          <OrganizationSelect
            regionCode={values.regionCode}
            inputProps={form.getInputProps('organizationId')}
            initial={
              center && {
                id: center.organizationId,
                shortName: center.organizationShortName,
                fullName: center.organizationShortName,
                regionCode: center.regionCode,
              }
            }
            onChange={(value) => {
              form.setFieldValue('organizationId', value);
              // another organization: the center of the card is not one of its own
              if (value !== center?.organizationId) form.setFieldValue('centerId', null);
            }}
          />
          <TextInput
            label="Центр обслуживания"
            description="Адрес или название центра, если знаете"
            maxLength={500}
            {...form.getInputProps('place')}
          />
          <Select
            label="Что случилось"
            placeholder="Выберите категорию"
            data={categoryOptions}
            required
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('category')}
          />
          <Textarea
            size="md"
            label="Текст жалобы"
            description="Когда вы обращались, что произошло, что вы просили и что вам ответили"
            required
            rows={5}
            maxLength={4000}
            {...form.getInputProps('text')}
          />
          <TextInput
            label="Электронная почта для ответа"
            description="Необязательно: без адреса жалобу рассмотрят, но ответ вам не придёт"
            type="email"
            autoComplete="email"
            maxLength={254}
            {...form.getInputProps('email')}
          />
          {session.data?.account && (
            <Text size="sm" c="dimmed">
              Вы вошли в систему: к жалобе будет привязана ваша учётная запись. Организация не увидит ни её,
              ни ваш адрес электронной почты.
            </Text>
          )}
          <FormMessage message={formError} />
          <div>
            <Button type="submit" loading={mutation.isPending}>
              Отправить жалобу
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}

/**
 * The organization, searched on the server by part of its name as the person types (there may be
 * thousands); the chosen one stays among the options so its name stays shown.
 */
function OrganizationSelect({
  regionCode,
  inputProps,
  initial,
  onChange,
}: {
  regionCode: string | null;
  inputProps: GetInputPropsReturnType;
  /** chosen before the form opened (the map's card) */
  initial?: ComplaintOrganization | null;
  onChange(value: string | null): void;
}) {
  const [search, setSearch] = useState(initial?.shortName ?? '');
  const [chosen, setChosen] = useState<ComplaintOrganization | null>(initial ?? null);
  const [typed] = useDebouncedValue(search, 250);
  // The name of the chosen one is not a search: list around it by the region alone.
  const q = chosen && typed === chosen.shortName ? '' : typed.trim();
  const found = useComplaintOrganizations(q, regionCode);
  const options = [...(found.data?.organizations ?? [])];
  if (chosen && !options.some((o) => o.id === chosen.id)) options.unshift(chosen);
  return (
    <Select
      label="Организация"
      description="Начните вводить название: МФЦ, учреждение, отделение Почты России…"
      placeholder="Название организации"
      required
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // the server has already chosen by the name (short or full): no second filter here
      filter={({ options: all }) => all}
      data={options.map((o) => ({ value: o.id, label: o.shortName }))}
      nothingFoundMessage={found.isFetching ? 'Поиск…' : 'Организация не найдена'}
      comboboxProps={{ withinPortal: true }}
      {...inputProps}
      onChange={(value) => {
        setChosen(options.find((o) => o.id === value) ?? null);
        onChange(value);
      }}
    />
  );
}
