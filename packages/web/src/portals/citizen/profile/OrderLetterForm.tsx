import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { confirmationStateSchema, postLetterOrderSchema, type PostalAddress } from '@openesia/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client';
import { FormMessage } from '../../../forms/FormMessage';
import { useApiForm } from '../../../forms/useApiForm';
import { confirmationKey } from './api';

const emptyAddress: PostalAddress = {
  postalCode: '',
  region: '',
  city: '',
  street: '',
  house: '',
  apartment: '',
};

/** The address a registered letter with the confirmation code goes to (seed 000, section 1, step 3). */
export function OrderLetterForm() {
  const queryClient = useQueryClient();
  const { form, mutation, formError, onSubmit } = useApiForm({
    initialValues: { address: emptyAddress },
    schema: postLetterOrderSchema,
    submit: (body) => api.post('/me/confirmation/post-letter', body, confirmationStateSchema),
    onSuccess: (state) => {
      queryClient.setQueryData(confirmationKey, state);
      notifications.show({ color: 'blue', message: 'Письмо заказано' });
    },
    fieldsSummary: 'Проверьте поля, отмеченные красным.',
  });
  const field = (key: keyof PostalAddress) => form.getInputProps(`address.${key}`);
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Адрес для письма">
      <Stack gap="sm">
        <Text size="sm">
          Укажите адрес, по которому вы получите заказное письмо. Письмо вручают лично в руки при предъявлении
          паспорта.
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Индекс"
            required
            inputMode="numeric"
            maxLength={6}
            autoComplete="postal-code"
            {...field('postalCode')}
            onChange={(e) =>
              form.setFieldValue('address.postalCode', e.currentTarget.value.replace(/\D/g, ''))
            }
          />
          <TextInput label="Регион" required autoComplete="address-level1" {...field('region')} />
          <TextInput
            label="Город или населённый пункт"
            required
            autoComplete="address-level2"
            {...field('city')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Улица" required autoComplete="address-line1" {...field('street')} />
          <TextInput label="Дом" required {...field('house')} />
          <TextInput label="Квартира" description="Если есть" {...field('apartment')} />
        </SimpleGrid>
        <FormMessage message={formError} title="Письмо не заказано" />
        <Group>
          <Button type="submit" loading={mutation.isPending}>
            Заказать письмо с кодом
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
