import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  List,
  Loader,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import {
  organizationRegistrationChallengeRequestSchema,
  type LegalEntityFromCertificate,
  type MyOrganization,
  type SignatureChallenge,
} from '@openesia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../api/session';
import { errorCodeOf } from '../../forms/errors';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { errorMessage } from '../../i18n/ru';
import { validityAt, type SignerCertificate } from '../../signature';
import { toBase64 } from '../../signature/bytes';
import { CertificateDetails } from '../signature/CertificateDetails';
import { LoadContainer } from '../signature/LoadContainer';
import { useCertificates } from '../signature/shared';
import { isStale, signChallenge } from '../signature/signing';
import {
  readLegalEntityCertificate,
  requestRegistrationChallenge,
  myOrganizationsKey,
  submitRegistration,
  useMyOrganizations,
} from './api';
import { DetailsFields, detailsOf, emptyDetails, type DetailsValues } from './DetailsFields';
import { PinDialog } from './PinDialog';
import { Field, StatusBadge, StatusReason, personName } from './texts';

type Step =
  | { name: 'kind' }
  | { name: 'certificate' }
  | { name: 'details'; certificate: SignerCertificate; entity: LegalEntityFromCertificate }
  | { name: 'sent'; organization: MyOrganization };

const stepTitles = ['Тип организации', 'Выбор сертификата', 'Данные организации', 'Проверка в ЕГРЮЛ'];
const stepIndex: Record<Step['name'], number> = { kind: 0, certificate: 1, details: 2, sent: 3 };

/**
 * «+ Добавить организацию» (seed 000, section 2): «Юридическое лицо», the head's certificate
 * («Выбор сертификата»), the form with the certificate's fields read-only, «Продолжить», the PIN
 * and the signature; then the ЕГРЮЛ check runs as a job and the person may leave.
 */
export function AddOrganizationPage() {
  const session = useSession();
  const [step, setStep] = useState<Step>({ name: 'kind' });
  const level = session.data?.account?.level;
  const client = useQueryClient();

  return (
    <Stack maw={860} mx="auto" gap="lg">
      <Stack gap={4}>
        <Title order={1}>Добавление организации</Title>
        <Text c="dimmed">
          Шаг {stepIndex[step.name] + 1} из {stepTitles.length}: {stepTitles[stepIndex[step.name]]}
        </Text>
      </Stack>
      {level && level !== 'confirmed' ? (
        <Alert color="yellow" title="Нужна подтверждённая учётная запись">
          Добавить организацию может только пользователь с подтверждённой учётной записью.{' '}
          <Anchor component={Link} to="/profile/confirm">
            Подтвердить личность
          </Anchor>
        </Alert>
      ) : step.name === 'kind' ? (
        <KindStep onNext={() => setStep({ name: 'certificate' })} />
      ) : step.name === 'certificate' ? (
        <CertificateStep
          onBack={() => setStep({ name: 'kind' })}
          onRead={(certificate, entity) => setStep({ name: 'details', certificate, entity })}
        />
      ) : step.name === 'details' ? (
        <DetailsStep
          certificate={step.certificate}
          entity={step.entity}
          onBack={() => setStep({ name: 'certificate' })}
          onSent={(organization) => {
            // the list read on the personal page a moment ago lacks the new organization: without
            // this the «sent» step would show its cached copy and never follow the check
            void client.invalidateQueries({ queryKey: myOrganizationsKey });
            setStep({ name: 'sent', organization });
          }}
        />
      ) : (
        <SentStep organization={step.organization} />
      )}
    </Stack>
  );
}

function KindStep({ onNext }: { onNext(): void }) {
  const [kind, setKind] = useState<string | null>('legal_entity');
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Radio.Group value={kind} onChange={setKind} label="Выберите тип организации">
          <Stack gap="xs" mt="xs">
            <Radio.Card value="legal_entity" p="md" radius="md" aria-label="Юридическое лицо">
              <Group wrap="nowrap" align="flex-start">
                <Radio.Indicator mt={4} />
                <Stack gap={2}>
                  <Text fw={700}>Юридическое лицо</Text>
                  <Text size="sm" c="dimmed">
                    Государственный или муниципальный орган, учреждение, МФЦ, Почта России
                  </Text>
                </Stack>
              </Group>
            </Radio.Card>
          </Stack>
        </Radio.Group>
        <Stack gap={4}>
          <Text fw={700}>Регистрация юридического лица</Text>
          <Text size="sm">Для регистрации понадобится:</Text>
          <List size="sm" spacing={4}>
            <List.Item>
              квалифицированный сертификат электронной подписи руководителя организации (сотрудника, имеющего
              право действовать без доверенности) с ОГРН и ИНН организации;
            </List.Item>
            <List.Item>ключ этого сертификата в этом браузере и его PIN-код.</List.Item>
          </List>
          <Text size="sm">
            ОГРН, ИНН, КПП, полное наименование и сведения о руководителе будут считаны из сертификата, их
            невозможно изменить. После отправки запустится автоматическая проверка данных организации и
            руководителя в Федеральной налоговой службе (ЕГРЮЛ).
          </Text>
        </Stack>
        <Group>
          <Button onClick={onNext} disabled={kind !== 'legal_entity'} w={{ base: '100%', xs: 'auto' }}>
            Продолжить
          </Button>
          <Button component={Link} to="/profile" variant="default" w={{ base: '100%', xs: 'auto' }}>
            Отмена
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function CertificateStep({
  onBack,
  onRead,
}: {
  onBack(): void;
  onRead(certificate: SignerCertificate, entity: LegalEntityFromCertificate): void;
}) {
  const certificates = useCertificates();
  const list = useMemo(() => certificates.data ?? [], [certificates.data]);
  const [handle, setHandle] = useState<string | null>(null);
  const selected = list.find((c) => c.handle === handle);

  useEffect(() => {
    // Preselect a legal entity's valid certificate: the head usually has one beside their personal one.
    if (list.length > 0 && !list.some((c) => c.handle === handle)) {
      const now = new Date();
      const valid = list.filter((c) => validityAt(c.info, now) === 'valid');
      setHandle((valid.find((c) => c.info.subject.ogrn) ?? valid[0] ?? list[0]).handle);
    }
  }, [list, handle]);

  const { mutation, formError, onSubmit } = useApiForm({
    initialValues: {},
    submit: async () => {
      if (!selected) throw Object.assign(new Error('no certificate'), { code: 'signature.no_keys' });
      return { certificate: selected, entity: await readLegalEntityCertificate(toBase64(selected.info.der)) };
    },
    onSuccess: ({ certificate, entity }) => onRead(certificate, entity),
  });

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg">
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Title order={2} size="h3">
              Выбор сертификата
            </Title>
            <Text size="sm">
              Выберите сертификат руководителя организации. Из него будут считаны сведения об организации.
            </Text>
            {certificates.isLoading ? (
              <Loader role="status" aria-label="Загрузка сертификатов" />
            ) : list.length === 0 ? (
              <Alert color="yellow" title="Нет сертификатов">
                {errorMessage('signature.no_keys')} Загрузите файл ключа ниже или откройте{' '}
                <Anchor component={Link} to="/signature/keys">
                  Ключи и сертификаты
                </Anchor>
                .
              </Alert>
            ) : (
              <Radio.Group value={handle} onChange={setHandle} label="Сертификаты в этом браузере">
                <Stack gap="xs" mt="xs">
                  {list.map((c) => (
                    <Radio.Card
                      key={c.handle}
                      value={c.handle}
                      p="sm"
                      radius="md"
                      aria-label={`${c.info.subject.organization ?? c.info.subject.fullName ?? 'Сертификат'}, серийный номер ${c.info.serialNumber}`}
                    >
                      <Group wrap="nowrap" align="flex-start">
                        <Radio.Indicator mt={4} />
                        <CertificateDetails info={c.info} location={c.location} />
                      </Group>
                    </Radio.Card>
                  ))}
                </Stack>
              </Radio.Group>
            )}
            <FormMessage message={formError} title="Сертификат не подходит" />
            <Group>
              <Button
                type="submit"
                loading={mutation.isPending}
                disabled={!selected}
                w={{ base: '100%', xs: 'auto' }}
              >
                Продолжить
              </Button>
              <Button variant="default" onClick={onBack} w={{ base: '100%', xs: 'auto' }}>
                Назад
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
      {/* A key loaded here appears in the list above (LoadContainer refreshes the certificates). */}
      <LoadContainer />
    </Stack>
  );
}

function DetailsStep({
  certificate,
  entity,
  onBack,
  onSent,
}: {
  certificate: SignerCertificate;
  entity: LegalEntityFromCertificate;
  onBack(): void;
  onSent(organization: MyOrganization): void;
}) {
  const der = useMemo(() => toBase64(certificate.info.der), [certificate]);
  const [challenge, setChallenge] = useState<SignatureChallenge | null>(null);
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { details: { ...emptyDetails } as DetailsValues },
    schema: organizationRegistrationChallengeRequestSchema,
    toInput: (v) => ({ certificate: der, details: detailsOf(v.details) }),
    submit: (input) => requestRegistrationChallenge(input),
    onSuccess: (c) => setChallenge(c),
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });

  const sign = async (pin: string) => {
    let current = challenge!;
    const body = { certificate: der, details: detailsOf(form.getValues().details) };
    if (isStale(current)) {
      current = await requestRegistrationChallenge(body);
      setChallenge(current);
    }
    const signature = await signChallenge(current, certificate, pin);
    try {
      const organization = await submitRegistration({
        challengeId: current.challengeId,
        signature,
        details: body.details,
      });
      setChallenge(null);
      onSent(organization);
    } catch (e) {
      // A used or expired statement cannot be signed again: take a fresh one for the next try.
      const code = errorCodeOf(e);
      if (code === 'signature.challenge_expired' || code === 'signature.challenge_used')
        setChallenge(await requestRegistrationChallenge(body));
      throw e;
    }
  };

  const head = personName(entity.head);
  return (
    <Card withBorder padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          <Stack gap="sm">
            <Title order={2} size="h3">
              Сведения из сертификата
            </Title>
            <Text size="sm" c="dimmed">
              Считаны из сертификата электронной подписи, изменить их невозможно.
            </Text>
            <Field label="Полное наименование" value={entity.fullName} />
            <SimpleGrid cols={{ base: 1, sm: 3 }}>
              <Field label="ОГРН" value={entity.ogrn} />
              <Field label="ИНН" value={entity.inn} />
              <Field label="КПП" value={entity.kpp} />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Field label="Руководитель" value={head} />
              <Field label="Должность руководителя" value={entity.head.position} />
            </SimpleGrid>
          </Stack>
          <Stack gap="sm">
            <Title order={2} size="h3">
              Данные организации
            </Title>
            <DetailsFields form={form} prefix="details." askKpp={!entity.kpp} />
          </Stack>
          <FormMessage message={formError} />
          <Text size="sm">
            После нажатия «Продолжить» введите PIN-код и подпишите заявление на регистрацию организации.
          </Text>
          <Group>
            <Button type="submit" loading={mutation.isPending} w={{ base: '100%', xs: 'auto' }}>
              Продолжить
            </Button>
            <Button variant="default" onClick={onBack} w={{ base: '100%', xs: 'auto' }}>
              Назад
            </Button>
          </Group>
        </Stack>
      </form>
      {challenge && (
        <PinDialog
          opened
          onClose={() => setChallenge(null)}
          title="Регистрация организации"
          statement={challenge.text}
          certificate={certificate}
          onSign={sign}
        />
      )}
    </Card>
  );
}

/** Seed 000, section 2: the person may close the page; the check goes on and its result comes by e-mail. */
function SentStep({ organization }: { organization: MyOrganization }) {
  const mine = useMyOrganizations();
  const current = mine.data?.organizations.find((o) => o.id === organization.id) ?? organization;
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Title order={2} size="h3">
          Заявка на регистрацию организации отправлена
        </Title>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {current.shortName}
          </Text>
          <StatusBadge status={current.status} />
        </Group>
        {current.status === 'checking' ? (
          <Group gap="sm" wrap="nowrap" role="status">
            <Loader size="sm" aria-hidden />
            <Text>
              Выполняется автоматическая проверка данных организации и руководителя в Федеральной налоговой
              службе (ЕГРЮЛ).
            </Text>
          </Group>
        ) : (
          <StatusReason
            status={current.status}
            refusal={current.refusal}
            returnReason={current.returnReason}
          />
        )}
        {current.status === 'awaiting_regional_operator' && (
          <Text>
            Проверка в ЕГРЮЛ пройдена. Государственный (муниципальный) орган или учреждение включается в
            регистр после подтверждения заявки региональным оператором.
          </Text>
        )}
        {current.status === 'registered' && <Text>Организация зарегистрирована.</Text>}
        <Text size="sm" c="dimmed">
          До окончания проверок можно закрыть эту страницу: ход проверки виден на личной странице, о
          результате вы будете уведомлены по адресу электронной почты.
        </Text>
        <div>
          <Button component={Link} to="/profile" w={{ base: '100%', xs: 'auto' }}>
            Перейти на личную страницу
          </Button>
        </div>
      </Stack>
    </Card>
  );
}
