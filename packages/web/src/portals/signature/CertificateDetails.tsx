import { Badge, Group, Stack, Text } from '@mantine/core';
import { formatSnils } from '@openesia/contracts';
import { validityAt, type CertificateInfo } from '../../signature';
import { algorithmLabel } from './shared';

const dateFormat = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });

export function ValidityBadge({ info, now = new Date() }: { info: CertificateInfo; now?: Date }) {
  const state = validityAt(info, now);
  if (state === 'expired') return <Badge color="red">Срок действия истёк</Badge>;
  if (state === 'not_yet_valid') return <Badge color="orange">Ещё не действует</Badge>;
  return <Badge color="green">Действителен</Badge>;
}

/** What a person reads to recognise a certificate: owner, СНИЛС, organization, issuer, validity. */
export function CertificateDetails({ info, location }: { info: CertificateInfo; location?: string }) {
  const s = info.subject;
  const rows: [string, string | undefined][] = [
    ['СНИЛС', s.snils ? formatSnils(s.snils) : undefined],
    ['ИНН', s.inn],
    ['Организация', s.organization],
    ['ОГРН', s.ogrn ?? s.ogrnip],
    ['Должность', s.title],
    ['Издатель', info.issuer.commonName ?? info.issuer.organization],
    ['Действителен', `с ${dateFormat.format(info.notBefore)} по ${dateFormat.format(info.notAfter)}`],
    ['Алгоритм', info.algorithm ? algorithmLabel[info.algorithm] : 'не поддерживается'],
    ['Серийный номер', info.serialNumber],
    ['Где ключ', location],
  ];
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Group gap="xs" wrap="wrap">
        <Text fw={600}>{s.fullName ?? 'Без имени'}</Text>
        <ValidityBadge info={info} />
        {!info.canSign && <Badge color="red">Не для подписи</Badge>}
      </Group>
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <Text key={label} size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Text span c="dimmed">
              {label}:
            </Text>{' '}
            {value}
          </Text>
        ))}
    </Stack>
  );
}
