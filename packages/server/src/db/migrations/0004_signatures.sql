CREATE TABLE "account_roles" (
	"account_id" uuid NOT NULL,
	"role" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "account_roles_account_id_role_pk" PRIMARY KEY("account_id","role")
);
--> statement-breakpoint
CREATE TABLE "signature_challenges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"account_id" uuid,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "signed_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid,
	"document_type" text NOT NULL,
	"document_hash" text NOT NULL,
	"hash_algorithm" text NOT NULL,
	"signature" "bytea" NOT NULL,
	"certificate" "bytea",
	"signer_snils" text,
	"signer_name" text,
	"result" text NOT NULL,
	"verified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_ca" (
	"id" text PRIMARY KEY NOT NULL,
	"certificate" "bytea" NOT NULL,
	"private_key_encrypted" "bytea" NOT NULL,
	"crl_number" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "test_ca_certificates" (
	"serial_number" text PRIMARY KEY NOT NULL,
	"certificate" "bytea" NOT NULL,
	"subject_name" text NOT NULL,
	"algorithm" text NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revocation_reason" integer
);
--> statement-breakpoint
CREATE TABLE "trusted_roots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"ogrn" text,
	"registry_number" text,
	"status" text NOT NULL,
	"certificate" "bytea" NOT NULL,
	"thumbprint" text NOT NULL,
	"subject_name" text NOT NULL,
	"serial_number" text NOT NULL,
	"algorithm" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"crl_urls" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"source" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" uuid
);
--> statement-breakpoint
ALTER TABLE "account_roles" ADD CONSTRAINT "account_roles_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_challenges" ADD CONSTRAINT "signature_challenges_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signed_documents" ADD CONSTRAINT "signed_documents_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "signed_documents_account_idx" ON "signed_documents" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "trusted_roots_thumbprint_unique" ON "trusted_roots" USING btree ("thumbprint");