import type { AccessGroup, CenterService, OrganizationApproval } from '@openesia/contracts';
import { attachOperator } from '../../src/repositories/center/centers.js';
import type { System } from '../../src/system.js';
import { insertTestCenter } from './centers.js';
import { uniqueEmail } from './factories.js';
import { TestClient } from './http.js';
import {
  addTestMember,
  createConfirmedCitizen,
  grantTestApproval,
  insertTestOrganization,
} from './organizations.js';
import { issueTestCertificate, type TestCertificate } from './test-ca.js';

type Person = Awaited<ReturnType<typeof createConfirmedCitizen>>;

export interface WorkstationOrg {
  id: string;
  ogrn: string;
  inn: string;
  head: Person;
  centerId: string;
}

/**
 * An organization with its approvals and one active center offering `services`, as the
 * technological portal leaves it (the portal's use-cases are tested on their own).
 */
export async function workstationOrganization(
  system: System,
  options: { approvals?: OrganizationApproval[]; services?: CenterService[]; regionCode?: string } = {},
): Promise<WorkstationOrg> {
  const head = await createConfirmedCitizen(system, { email: uniqueEmail() });
  const org = await insertTestOrganization(
    system,
    { id: head.id, ...head.personalData },
    {
      regionCode: options.regionCode ?? '35',
    },
  );
  for (const approval of options.approvals ?? ['form_z', 'form_i'])
    await grantTestApproval(system, org.id, approval);
  const center = await insertTestCenter(
    system,
    { id: org.id, createdBy: head.id },
    {
      services: options.services ?? ['confirmation', 'registration', 'recovery', 'deletion'],
      regionCode: options.regionCode ?? '35',
    },
  );
  return { ...org, head, centerId: center.id };
}

export interface TestOperator {
  person: Person;
  certificate: TestCertificate;
}

/**
 * An employee in `groups`, attached to the center, with a service certificate naming the
 * organization (ОГРН, ИНН ЮЛ) and the person (СНИЛС, ФИО), issued by the test CA.
 */
export async function workstationOperator(
  system: System,
  org: WorkstationOrg,
  options: { groups?: AccessGroup[]; attach?: boolean; certificateFor?: { ogrn: string; inn: string } } = {},
): Promise<TestOperator> {
  const person = await createConfirmedCitizen(system, { email: uniqueEmail(), lastName: 'Оператов' });
  await addTestMember(
    system,
    org.id,
    { id: person.id, ...person.personalData },
    {
      groups: options.groups ?? ['registration_specialists'],
    },
  );
  if (options.attach !== false)
    await attachOperator(system.database.db, {
      centerId: org.centerId,
      accountId: person.id,
      attachedAt: system.clock.now(),
      attachedBy: org.head.id,
    });
  const names = options.certificateFor ?? org;
  const certificate = await issueTestCertificate(system, {
    subject: {
      lastName: person.personalData.lastName,
      firstName: person.personalData.firstName,
      middleName: person.personalData.middleName,
      snils: person.snils,
      ogrn: names.ogrn,
      innLe: names.inn,
      organization: 'Государственное учреждение «Тестовый центр»',
      title: 'Специалист',
    },
  });
  return { person, certificate };
}

let addresses = 0;

/** A browser at the workstation: signs in with the certificate; the answer of /api/ra/login. */
export async function workstationSignIn(system: System, operator: TestOperator) {
  addresses++;
  const client = new TestClient(system.app, `10.77.${(addresses >> 8) & 255}.${addresses & 255}`);
  const challenge = await client.post('/api/ra/challenge');
  if (challenge.status !== 200) throw new Error(`challenge: ${challenge.status}`);
  const signature = operator.certificate.sign(Buffer.from(challenge.body.dataToSign, 'base64'));
  const login = await client.post('/api/ra/login', { challengeId: challenge.body.challengeId, signature });
  return { client, login };
}

/** Signed in, the center chosen and the terms accepted: ready to serve. */
export async function workstationAtCenter(
  system: System,
  operator: TestOperator,
  org: WorkstationOrg,
): Promise<TestClient> {
  const { client, login } = await workstationSignIn(system, operator);
  if (login.status !== 200) throw new Error(`login: ${login.status} ${JSON.stringify(login.body)}`);
  const chosen = await client.post('/api/ra/center', { centerId: org.centerId });
  if (chosen.status !== 200) throw new Error(`center: ${chosen.status} ${JSON.stringify(chosen.body)}`);
  const terms = await client.post('/api/ra/terms');
  if (terms.status !== 200) throw new Error(`terms: ${terms.status} ${JSON.stringify(terms.body)}`);
  return client;
}
