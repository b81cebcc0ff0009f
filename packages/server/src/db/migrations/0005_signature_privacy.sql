ALTER TABLE "signature_challenges" ADD COLUMN "personal_data_revision" integer;--> statement-breakpoint
ALTER TABLE "signed_documents" ADD COLUMN "signer_snils_encrypted" "bytea";--> statement-breakpoint
ALTER TABLE "signed_documents" ADD COLUMN "signer_snils_lookup" text;--> statement-breakpoint
ALTER TABLE "test_ca_certificates" ADD COLUMN "issued_by" uuid;--> statement-breakpoint
ALTER TABLE "test_ca_certificates" ADD COLUMN "revocation_token_hash" text;--> statement-breakpoint
ALTER TABLE "trusted_roots" ADD COLUMN "excluded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "trusted_roots" ADD COLUMN "excluded_by" uuid;--> statement-breakpoint
ALTER TABLE "test_ca_certificates" ADD CONSTRAINT "test_ca_certificates_issued_by_accounts_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signed_documents_signer_snils_lookup_idx" ON "signed_documents" USING btree ("signer_snils_lookup");--> statement-breakpoint
ALTER TABLE "signed_documents" DROP COLUMN "signer_snils";