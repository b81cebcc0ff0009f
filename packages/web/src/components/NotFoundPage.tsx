import { Button, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';

export function NotFoundPage() {
  return (
    <Stack align="flex-start">
      <Title order={1}>Страница не найдена</Title>
      <Text>Возможно, ссылка устарела или в адресе опечатка.</Text>
      <Button component={Link} to="/">
        На главную
      </Button>
    </Stack>
  );
}
