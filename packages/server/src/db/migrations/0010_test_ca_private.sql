-- Test-CA certificates issued before this migration were issued to anyone for any name and СНИЛС
-- (a СНИЛС nobody had claimed yet signed into the account of whoever saved it later), and their
-- subject and DER kept the СНИЛС in plain text. They are demo test-CA certificates, so nothing is
-- migrated: every one still valid is revoked (RFC 5280 reason 5, cessationOfOperation) and its
-- personal data dropped. The rows stay with their serial and revocation so the CRL keeps listing
-- them; deleting them would make the old certificates valid again.
UPDATE "test_ca_certificates" SET "revoked_at" = now(), "revocation_reason" = 5 WHERE "revoked_at" IS NULL;--> statement-breakpoint
ALTER TABLE "test_ca_certificates" ADD COLUMN "certificate_encrypted" "bytea";--> statement-breakpoint
ALTER TABLE "test_ca_certificates" ADD COLUMN "snils_lookup" text;--> statement-breakpoint
ALTER TABLE "test_ca_certificates" DROP COLUMN "certificate";--> statement-breakpoint
ALTER TABLE "test_ca_certificates" DROP COLUMN "subject_name";--> statement-breakpoint
CREATE INDEX "test_ca_certificates_snils_lookup_idx" ON "test_ca_certificates" USING btree ("snils_lookup");
