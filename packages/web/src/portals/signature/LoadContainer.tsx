import { Alert, Button, Card, FileInput, PasswordInput, Stack, Text, Title } from '@mantine/core';
import type { FieldError } from '@openesia/contracts';
import { useState } from 'react';
import { FormMessage } from '../../forms/FormMessage';
import { useApiForm } from '../../forms/useApiForm';
import { readContainer } from '../../signature';
import type { CertificateInfo } from '../../signature/certificate';
import { pinProblem } from '../../signature/pin';
import { readPicked, saveDraft, useInvalidate } from './keys';
import { PinFields } from './PinFields';

type Step = 'pick' | 'pin' | 'new_pin';

/** The PIN pair's problems as field errors (`pinProblem` judges by the contract's schema). */
export function pinErrors(pin: string, repeat: string): FieldError[] {
  const problem = pinProblem(pin, repeat);
  return [
    ...(problem.pin ? [{ path: 'pin', code: problem.pin }] : []),
    ...(problem.repeat ? [{ path: 'repeat', code: problem.repeat }] : []),
  ];
}

/**
 * «Загрузить файл ключа»: PKCS#12, or a key and a certificate (PEM or DER). Read in the browser:
 * the container says whether it needs its PIN, or a new one for a key that had none.
 */
export function LoadContainer() {
  const invalidate = useInvalidate();
  const [step, setStep] = useState<Step>('pick');
  const [saved, setSaved] = useState<CertificateInfo[] | null>(null);
  const { form, mutation, formError, onSubmit, clearErrors } = useApiForm({
    initialValues: { files: [] as File[], pin: '', repeat: '' },
    check: (v) =>
      step === 'pin' && !v.pin
        ? [{ path: 'pin', code: 'required' }]
        : step === 'new_pin'
          ? pinErrors(v.pin, v.repeat)
          : [],
    submit: async (v) => {
      const reading = await readContainer(
        await readPicked(v.files),
        step === 'pin' ? { pin: v.pin } : step === 'new_pin' ? { newPin: v.pin } : {},
      );
      if (reading.status !== 'ready') return reading.status;
      await saveDraft(reading.draft, 'file', v.files.map((f) => f.name).join(', '));
      await invalidate();
      setSaved(reading.draft.infos);
      return reading.status;
    },
    onSuccess: (status) => {
      if (status === 'needs_pin') setStep('pin');
      else if (status === 'needs_new_pin') setStep('new_pin');
      else {
        form.reset();
        setStep('pick');
      }
    },
    codeFields: { 'signature.wrong_pin': 'pin' },
  });
  const pick = (files: File[]) => {
    form.setValues({ files, pin: '', repeat: '' });
    clearErrors();
    setStep('pick');
    setSaved(null);
  };
  const files = form.values.files;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="load-title">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2} size="h3" id="load-title">
            Загрузить файл ключа
          </Title>
          <Text size="sm" c="dimmed">
            Файл PKCS#12 (.p12, .pfx) или закрытый ключ вместе с сертификатом (.pem, .key, .cer, .crt). Ключ
            хранится в этом браузере только в зашифрованном виде; PIN-код не сохраняется.
          </Text>
          <FileInput
            label="Файлы ключа и сертификата"
            placeholder="Выберите файлы"
            multiple
            clearable
            value={files}
            onChange={(value) => pick(value ?? [])}
            accept=".p12,.pfx,.pem,.key,.cer,.crt,.der,.p8,application/x-pkcs12"
          />
          {step === 'pin' && (
            <PasswordInput
              label="PIN-код"
              description="PIN-код или пароль, которым защищён файл"
              {...form.getInputProps('pin')}
              autoComplete="off"
              required
            />
          )}
          {step === 'new_pin' && (
            <>
              <Alert color="blue">
                Ключ в файле не зашифрован. Придумайте PIN-код: им ключ будет защищён в этом браузере и его
                нужно будет вводить при подписании.
              </Alert>
              <PinFields
                label="Новый PIN-код"
                columns={1}
                pin={form.values.pin}
                repeat={form.values.repeat}
                onPin={(v) => form.setFieldValue('pin', v)}
                onRepeat={(v) => form.setFieldValue('repeat', v)}
                errors={{ pin: form.errors.pin as string, repeat: form.errors.repeat as string }}
              />
            </>
          )}
          <FormMessage message={formError} title="Файл не загружен" />
          {saved && (
            <Alert color="green" role="status" title="Ключ сохранён в браузере">
              {saved.map((info) => info.subject.fullName).join(', ')}
            </Alert>
          )}
          <div>
            <Button type="submit" loading={mutation.isPending} disabled={files.length === 0}>
              {step === 'pick' ? 'Загрузить' : 'Открыть и сохранить'}
            </Button>
          </div>
        </Stack>
      </form>
    </Card>
  );
}
