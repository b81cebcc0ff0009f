import { Alert, Anchor, Loader, Stack, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { useSession } from '../../../api/session';
import { errorCodeOf } from '../../../forms/errors';
import { errorMessage } from '../../../i18n/ru';
import { usePersonalData, useRefreshAccount } from './api';
import { PersonalDataForm } from './PersonalDataForm';
import { valuesFromView } from './personalDataForm';
import { SimulatorHint } from './SimulatorHint';
import { VerificationStatus } from './VerificationStatus';

/** «Личные данные» (seed 000, section 1, step 2). */
export function PersonalDataPage() {
  const session = useSession();
  const view = usePersonalData();
  const refreshAccount = useRefreshAccount();
  const previousState = useRef<string | undefined>(undefined);
  const account = session.data?.account;
  const state = view.data?.verification.state;

  useEffect(() => {
    // The checks ended: the level may have changed, so the header and the personal page refresh.
    if (previousState.current === 'in_progress' && state && state !== 'in_progress') void refreshAccount();
    previousState.current = state;
  }, [state, refreshAccount]);

  if (view.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(view.error))}
      </Alert>
    );
  if (view.isPending || !account) return <Loader role="status" aria-label="Загрузка" />;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to="/profile" size="sm">
          ← Личный кабинет
        </Anchor>
        <Title order={1}>Личные данные</Title>
      </Stack>
      <VerificationStatus view={view.data} />
      {view.data.editable && <SimulatorHint />}
      {/* A new state of the checks brings the data as the server now has it: a fresh form. */}
      <PersonalDataForm
        key={state}
        initialValues={valuesFromView(view.data, account)}
        editable={view.data.editable}
      />
    </Stack>
  );
}
