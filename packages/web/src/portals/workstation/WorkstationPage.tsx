import { Alert, Center, Loader } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorCodeOf } from '../../forms/errors';
import { errorMessage } from '../../i18n/ru';
import { raSessionKey, useWorkstationSession, workstationLogout } from './api';
import { CenterStep } from './CenterStep';
import { SignInStep } from './SignInStep';
import { TermsStep } from './TermsStep';
import { WorkScreen } from './WorkScreen';
import { WorkstationLayout } from './WorkstationLayout';

/**
 * АРМ «Центр обслуживания» 2.0 (seed 003): its steps follow the workstation session — sign in by
 * signature, choose the center, accept the terms, then work.
 */
export function WorkstationPage() {
  const session = useWorkstationSession();
  const client = useQueryClient();
  const [changingCenter, setChangingCenter] = useState(false);
  const s = session.data ?? null;

  const logout = async () => {
    await workstationLogout().catch(() => undefined);
    setChangingCenter(false);
    client.removeQueries({ queryKey: ['ra-centers'] });
    client.setQueryData(raSessionKey, null);
  };

  let content;
  if (session.isPending)
    content = (
      <Center py="xl">
        <Loader role="status" aria-label="Загрузка" />
      </Center>
    );
  else if (session.isError)
    content = (
      <Alert color="red" role="alert">
        {errorMessage(errorCodeOf(session.error))}
      </Alert>
    );
  else if (!s) content = <SignInStep expired={sessionStorage.getItem('ra-expired') === '1'} />;
  else if (!s.center || changingCenter)
    content = (
      <CenterStep
        current={s.center?.id ?? null}
        onCancel={s.center ? () => setChangingCenter(false) : undefined}
      />
    );
  else if (!s.termsAccepted) content = <TermsStep session={s} />;
  else content = <WorkScreen key={s.center.id} session={s} />;

  return (
    <WorkstationLayout
      session={s}
      onChangeCenter={changingCenter ? undefined : () => setChangingCenter(true)}
      onLogout={() => void logout()}
    >
      {content}
    </WorkstationLayout>
  );
}
