import type { SignedPurpose } from '@openesia/contracts';
import { describe, expect, it } from 'vitest';
import { bindToPurpose, isBoundTo, purposeDigest } from '../../../src/domain/signature/purpose.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const accountId = '00000000-0000-4000-8000-000000000001';
const applicationId = '00000000-0000-4000-8000-0000000000a1';
const digestA = 'a'.repeat(64);
const digestB = 'b'.repeat(64);

describe('binding a signed text to its purpose', () => {
  const login: SignedPurpose = { kind: 'login' };
  const confirm: SignedPurpose = { kind: 'confirm', accountId };

  it('accepts the bytes for the purpose they were bound to', () => {
    const sut = bytes(bindToPurpose('Вход в ЕСИА.', login));
    expect(isBoundTo(sut, login)).toBe(true);
  });

  it('refuses a login text for confirmation', () => {
    expect(isBoundTo(bytes(bindToPurpose('Вход в ЕСИА.', login)), confirm)).toBe(false);
  });

  it('refuses a confirmation text for login', () => {
    expect(isBoundTo(bytes(bindToPurpose('Я, ... прошу подтвердить', confirm)), login)).toBe(false);
  });

  it("refuses one account's confirmation for another's", () => {
    const other: SignedPurpose = { kind: 'confirm', accountId: applicationId };
    expect(isBoundTo(bytes(bindToPurpose('text', confirm)), other)).toBe(false);
  });

  it('refuses a signed application for another payload digest of the same application', () => {
    const signedA: SignedPurpose = { kind: 'application.sign', applicationId, digest: digestA };
    const signedB: SignedPurpose = { kind: 'application.sign', applicationId, digest: digestB };
    expect(isBoundTo(bytes(bindToPurpose('Заявление', signedA)), signedA)).toBe(true);
    expect(isBoundTo(bytes(bindToPurpose('Заявление', signedA)), signedB)).toBe(false);
    expect(purposeDigest(signedA)).not.toBe(purposeDigest(signedB));
  });

  it('refuses the same payload under another kind', () => {
    const application: SignedPurpose = { kind: 'application.sign', applicationId, digest: digestA };
    const decision: SignedPurpose = { kind: 'operator.decision', decisionId: applicationId, digest: digestA };
    expect(isBoundTo(bytes(bindToPurpose('text', application)), decision)).toBe(false);
  });

  it('refuses a text without a purpose line, or with one not at the end', () => {
    expect(isBoundTo(bytes('Вход в ЕСИА.'), login)).toBe(false);
    expect(isBoundTo(bytes(`${bindToPurpose('Вход', login)}\nи ещё строка`), login)).toBe(false);
  });

  it('digests the payload independently of the order of its fields', () => {
    const a: SignedPurpose = {
      kind: 'organization.register',
      ogrn: '1027700132195',
      inn: '7707083893',
      dataDigest: digestA,
    };
    const b = {
      dataDigest: digestA,
      inn: '7707083893',
      kind: 'organization.register',
      ogrn: '1027700132195',
    } as SignedPurpose;
    expect(purposeDigest(a)).toBe(purposeDigest(b));
  });
});
