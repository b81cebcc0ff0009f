import { Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import type { ConfirmBySignatureProps } from './confirmBySignatureProps';

// The signing module (pkijs, GOST) loads only when this block is shown, not with every page.
const ConfirmBySignatureForm = lazy(() => import('./ConfirmBySignatureForm'));

/**
 * Confirmation of identity by a qualified electronic signature (seed 000, section 1, step 3, the
 * third way): «Подтвердить личность этим способом», choose a certificate, enter the PIN, sign the
 * statement. Embedded by the «Подтверждение вашей личности» page.
 */
export function ConfirmBySignature(props: ConfirmBySignatureProps) {
  return (
    <Suspense fallback={<Loader size="sm" role="status" aria-label="Загрузка" />}>
      <ConfirmBySignatureForm {...props} />
    </Suspense>
  );
}
