import { Button, Checkbox, CloseButton, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { weekdayLabels, weekdays, type Weekday } from '@openesia/contracts';
import { useId } from 'react';
import { isoToRu } from '../citizen/profile/texts';
import { normalizeTime, type CenterFormType, type IntervalValues } from './centerForm';
import { federalHolidays } from './texts';

/** At most four stretches a day (the contract's limit): three breaks. */
const MAX_INTERVALS = 4;

/** Dotted paths of the form, typed loosely: the hours' paths are built from weekday and index. */
type Path = string;

function intervalsAt(form: CenterFormType, path: Path): IntervalValues[] {
  let node: unknown = form.getValues();
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node as IntervalValues[];
}

function setIntervals(form: CenterFormType, path: Path, intervals: IntervalValues[]) {
  form.setFieldValue(path as never, intervals as never);
  // the old errors named inputs that moved or went away
  for (const key of Object.keys(form.errors)) if (key.startsWith(`${path}.`)) form.clearFieldError(key);
}

/** A time typed as «09:00»; «930» or «9» are completed when the field is left. */
function TimeField({ form, path, label }: { form: CenterFormType; path: Path; label: string }) {
  const props = form.getInputProps(path as never);
  return (
    <TextInput
      {...props}
      label={label}
      placeholder="чч:мм"
      inputMode="numeric"
      autoComplete="off"
      maxLength={5}
      w={{ base: '50%', xs: 120 }}
      miw={0}
      onBlur={(e) => {
        const normalized = normalizeTime(e.currentTarget.value);
        if (normalized !== e.currentTarget.value) form.setFieldValue(path as never, normalized as never);
        (props.onBlur as ((e: unknown) => void) | undefined)?.(e);
      }}
    />
  );
}

/** Two times side by side, the whole width on a phone. */
function Pair({ children }: { children: React.ReactNode }) {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start" w={{ base: '100%', xs: 'auto' }}>
      {children}
    </Group>
  );
}

/**
 * One day's hours: «Выходной», or «с» … «до» with optional breaks, each break splitting the day
 * into two intervals of the contract (`{path}.0.to` is «Перерыв с», `{path}.1.from` «Перерыв до»).
 * The caller's container names the day for a screen reader (a group).
 */
export function DayHours({
  form,
  path,
  title,
  inputs = false,
  extra,
}: {
  form: CenterFormType;
  path: Path;
  /** the title holds inputs (a special day's date and note): the line aligns to their bottom */
  inputs?: boolean;
  /** the day's name, on the line of «Выходной» */
  title?: React.ReactNode;
  /** beside «Выходной», at the end of the line («Как в понедельник», «Удалить») */
  extra?: React.ReactNode;
}) {
  const intervals = intervalsAt(form, path);
  const closed = intervals.length === 0;
  const last = intervals.length - 1;
  const addBreak = () => {
    const end = intervals[last]!;
    // the usual lunch hour when it falls inside the last stretch, else two empty times to fill
    const lunch = intervals.length === 1 && end.from < '13:00' && end.to > '14:00';
    setIntervals(form, path, [
      ...intervals.slice(0, last),
      { from: end.from, to: lunch ? '13:00' : '' },
      { from: lunch ? '14:00' : '', to: end.to },
    ]);
  };
  const removeBreak = (i: number) =>
    setIntervals(form, path, [
      ...intervals.slice(0, i),
      { from: intervals[i]!.from, to: intervals[i + 1]!.to },
      ...intervals.slice(i + 2),
    ]);
  return (
    <Stack gap={6}>
      <Group gap="sm" wrap="wrap" align={inputs ? 'flex-end' : 'center'}>
        {title}
        {/* «Выходной» first, the line's button at its end; on a phone a line of their own */}
        <Group
          justify="space-between"
          wrap="wrap"
          gap="xs"
          style={{ flex: 1 }}
          miw={inputs ? 200 : 250}
          mb={inputs ? 8 : 0}
        >
          <Checkbox
            label="Выходной"
            checked={closed}
            onChange={(e) =>
              setIntervals(form, path, e.currentTarget.checked ? [] : [{ from: '09:00', to: '18:00' }])
            }
          />
          {extra}
        </Group>
      </Group>
      {!closed && (
        <Group gap="md" align="flex-end" wrap="wrap">
          <Pair>
            <TimeField form={form} path={`${path}.0.from`} label="с" />
            <TimeField form={form} path={`${path}.${last}.to`} label="до" />
          </Pair>
          {intervals.slice(0, last).map((_, i) => (
            <Pair key={i}>
              <TimeField
                form={form}
                path={`${path}.${i}.to`}
                label={last > 1 ? `Перерыв ${i + 1} с` : 'Перерыв с'}
              />
              <TimeField
                form={form}
                path={`${path}.${i + 1}.from`}
                label={last > 1 ? `Перерыв ${i + 1} до` : 'Перерыв до'}
              />
              <CloseButton
                aria-label={last > 1 ? `Убрать перерыв ${i + 1}` : 'Убрать перерыв'}
                onClick={() => removeBreak(i)}
                mt={30}
                style={{ flexShrink: 0 }}
              />
            </Pair>
          ))}
          {intervals.length < MAX_INTERVALS && (
            <Button variant="subtle" size="compact-sm" onClick={addBreak} mb={6}>
              Добавить перерыв
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** «Режим работы»: the week day by day, with «Как в понедельник» to copy Monday's hours. */
export function WeeklyHours({ form }: { form: CenterFormType }) {
  const base = useId();
  const error = form.errors['hours'] ?? form.errors['hours.weekly'];
  return (
    <Stack gap="sm" component="section" aria-labelledby={`${base}-title`}>
      <Title order={2} size="h4" id={`${base}-title`}>
        Режим работы
      </Title>
      <Text size="sm" c="dimmed">
        Время местное, в часовом поясе центра обслуживания. Перерыв делит день на два интервала работы.
      </Text>
      {error && (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      )}
      {weekdays.map((day: Weekday) => (
        <div
          key={day}
          role="group"
          aria-labelledby={`${base}-${day}`}
          data-testid={`hours-${day}`}
          style={{ borderTop: '1px solid var(--mantine-color-gray-2)', paddingTop: 8 }}
        >
          <DayHours
            form={form}
            path={`hours.weekly.${day}`}
            title={
              <Text fw={600} size="sm" id={`${base}-${day}`} w={110}>
                {weekdayLabels[day]}
              </Text>
            }
            extra={
              day !== 'mon' && (
                <Button
                  variant="subtle"
                  size="compact-sm"
                  onClick={() =>
                    setIntervals(
                      form,
                      `hours.weekly.${day}`,
                      form.getValues().hours.weekly.mon.map((i) => ({ ...i })),
                    )
                  }
                  aria-label={`${weekdayLabels[day]}: как в понедельник`}
                >
                  Как в понедельник
                </Button>
              )
            }
          />
        </div>
      ))}
    </Stack>
  );
}

/** The year whose holidays the button adds: this one, or the next once this one's are all past or in. */
function holidayYear(present: ReadonlySet<string>, today: Date): number {
  const year = today.getFullYear();
  const todayIso = `${year}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const remaining = federalHolidays(year).filter((h) => h.date >= todayIso && !present.has(h.date));
  return remaining.length ? year : year + 1;
}

/** «Особые дни»: dates kept otherwise than the week says, closed or with their own hours. */
export function ExceptionDays({ form, today = new Date() }: { form: CenterFormType; today?: Date }) {
  const base = useId();
  const exceptions = form.getValues().hours.exceptions;
  const present = new Set(exceptions.map((e) => e.date));
  const year = holidayYear(present, today);
  const error = form.errors['hours.exceptions'];
  const addHolidays = () => {
    const added = federalHolidays(year)
      .filter((h) => !present.has(h.date))
      .map((h) => ({ date: h.date, intervals: [], note: h.note }));
    const all = [...exceptions, ...added].sort((a, b) =>
      a.date && b.date ? a.date.localeCompare(b.date) : 0,
    );
    form.setFieldValue('hours.exceptions', all);
    for (const key of Object.keys(form.errors))
      if (key.startsWith('hours.exceptions')) form.clearFieldError(key);
  };
  return (
    <Stack gap="sm" component="section" aria-labelledby={`${base}-title`}>
      <Title order={2} size="h4" id={`${base}-title`}>
        Особые дни
      </Title>
      <Text size="sm" c="dimmed">
        Праздничные и сокращённые дни: в эти даты действует указанный здесь режим, а не обычный.
      </Text>
      {error && (
        <Text size="sm" c="red.9" role="alert">
          {error}
        </Text>
      )}
      {exceptions.map((e, i) => {
        const name = `Особый день ${e.date ? isoToRu(e.date) : i + 1}`;
        return (
          <Stack
            key={i}
            gap="xs"
            p="sm"
            role="group"
            aria-label={name}
            bd="1px solid var(--mantine-color-gray-3)"
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            data-testid="hours-exception"
          >
            <DayHours
              form={form}
              path={`hours.exceptions.${i}.intervals`}
              inputs
              title={
                <>
                  <TextInput
                    type="date"
                    label="Дата"
                    required
                    w={{ base: '100%', xs: 170 }}
                    {...form.getInputProps(`hours.exceptions.${i}.date`)}
                  />
                  <TextInput
                    label="Примечание"
                    placeholder="Например: Новогодние каникулы"
                    maxLength={200}
                    w={{ base: '100%', xs: 280 }}
                    {...form.getInputProps(`hours.exceptions.${i}.note`)}
                  />
                </>
              }
              extra={
                <Button
                  variant="subtle"
                  color="red"
                  size="compact-sm"
                  onClick={() => form.removeListItem('hours.exceptions', i)}
                  aria-label={`Удалить: ${name.toLowerCase()}`}
                >
                  Удалить
                </Button>
              }
            />
          </Stack>
        );
      })}
      <Group gap="sm" wrap="wrap">
        <Button
          variant="default"
          onClick={() => form.insertListItem('hours.exceptions', { date: '', intervals: [], note: '' })}
        >
          Добавить особый день
        </Button>
        <Button variant="default" onClick={addHolidays}>
          Добавить праздничные дни {year}
        </Button>
      </Group>
    </Stack>
  );
}
