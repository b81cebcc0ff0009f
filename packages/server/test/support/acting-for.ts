import { signedInClient, type CreatedCitizen } from './factories.js';
import type { TestClient } from './http.js';
import type { TestSystem } from './system.js';

/** A person signed in and acting for the organization («Войти как сотрудник организации»). */
export async function actingForClient(
  sut: TestSystem,
  citizen: CreatedCitizen,
  organizationId: string,
): Promise<TestClient> {
  const client = await signedInClient(sut, citizen);
  const chosen = await client.put('/api/session/acting-for', { organizationId });
  if (chosen.status !== 200) throw new Error(`acting-for: ${chosen.status} ${JSON.stringify(chosen.body)}`);
  return client;
}
