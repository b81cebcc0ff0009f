CREATE TABLE "account_children" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_account_id" uuid NOT NULL,
	"sealed" "bytea" NOT NULL,
	"birth_certificate_lookup" text NOT NULL,
	"snils_lookup" text,
	"center_id" uuid,
	"operation_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workstation_found" (
	"session_token_hash" text NOT NULL,
	"account_id" uuid NOT NULL,
	"found_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workstation_found_session_token_hash_account_id_pk" PRIMARY KEY("session_token_hash","account_id")
);
--> statement-breakpoint
CREATE TABLE "workstation_journal" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "workstation_journal_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"at" timestamp with time zone NOT NULL,
	"operator_account_id" uuid NOT NULL,
	"operator_name" text NOT NULL,
	"certificate_thumbprint" text NOT NULL,
	"organization_id" uuid NOT NULL,
	"center_id" uuid,
	"region_code" text NOT NULL,
	"action" text NOT NULL,
	"target_account_id" uuid,
	"target_oid" bigint,
	"target_masked" text,
	"outcome" text NOT NULL,
	"refusal_code" text,
	"operation_id" uuid
);
--> statement-breakpoint
CREATE TABLE "workstation_operations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"state" text NOT NULL,
	"operator_account_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"center_id" uuid NOT NULL,
	"certificate_thumbprint" text NOT NULL,
	"target_account_id" uuid NOT NULL,
	"personal_data_revision" integer,
	"password_delivery" text,
	"papers" "bytea",
	"receipt" "bytea",
	"receipt_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workstation_sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"center_id" uuid,
	"certificate_thumbprint" text NOT NULL,
	"certificate_serial" text NOT NULL,
	"certificate_valid_to" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "workstation_terms_acceptances" (
	"account_id" uuid NOT NULL,
	"version" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"certificate_thumbprint" text NOT NULL,
	CONSTRAINT "workstation_terms_acceptances_account_id_version_pk" PRIMARY KEY("account_id","version")
);
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "password_must_change" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "personal_data" ADD COLUMN "name_birth_lookup" text;--> statement-breakpoint
ALTER TABLE "account_children" ADD CONSTRAINT "account_children_parent_account_id_accounts_id_fk" FOREIGN KEY ("parent_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_children" ADD CONSTRAINT "account_children_center_id_service_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_found" ADD CONSTRAINT "workstation_found_session_token_hash_workstation_sessions_token_hash_fk" FOREIGN KEY ("session_token_hash") REFERENCES "public"."workstation_sessions"("token_hash") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_found" ADD CONSTRAINT "workstation_found_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_journal" ADD CONSTRAINT "workstation_journal_operator_account_id_accounts_id_fk" FOREIGN KEY ("operator_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_journal" ADD CONSTRAINT "workstation_journal_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_journal" ADD CONSTRAINT "workstation_journal_center_id_service_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_operations" ADD CONSTRAINT "workstation_operations_operator_account_id_accounts_id_fk" FOREIGN KEY ("operator_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_operations" ADD CONSTRAINT "workstation_operations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_operations" ADD CONSTRAINT "workstation_operations_center_id_service_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_operations" ADD CONSTRAINT "workstation_operations_target_account_id_accounts_id_fk" FOREIGN KEY ("target_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_sessions" ADD CONSTRAINT "workstation_sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_sessions" ADD CONSTRAINT "workstation_sessions_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_sessions" ADD CONSTRAINT "workstation_sessions_center_id_service_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workstation_terms_acceptances" ADD CONSTRAINT "workstation_terms_acceptances_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_children_parent_idx" ON "account_children" USING btree ("parent_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "account_children_certificate_unique" ON "account_children" USING btree ("parent_account_id","birth_certificate_lookup");--> statement-breakpoint
CREATE INDEX "workstation_journal_at_idx" ON "workstation_journal" USING btree ("at");--> statement-breakpoint
CREATE INDEX "workstation_journal_organization_idx" ON "workstation_journal" USING btree ("organization_id","at");--> statement-breakpoint
CREATE INDEX "workstation_journal_region_idx" ON "workstation_journal" USING btree ("region_code","at");--> statement-breakpoint
CREATE INDEX "workstation_journal_center_idx" ON "workstation_journal" USING btree ("center_id","at");--> statement-breakpoint
CREATE INDEX "workstation_journal_target_idx" ON "workstation_journal" USING btree ("target_account_id");--> statement-breakpoint
CREATE INDEX "workstation_operations_target_idx" ON "workstation_operations" USING btree ("target_account_id");--> statement-breakpoint
CREATE INDEX "workstation_operations_awaiting_idx" ON "workstation_operations" USING btree ("target_account_id","personal_data_revision") WHERE state = 'awaiting_checks';--> statement-breakpoint
CREATE INDEX "workstation_operations_center_idx" ON "workstation_operations" USING btree ("center_id","created_at");--> statement-breakpoint
CREATE INDEX "workstation_sessions_account_idx" ON "workstation_sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "personal_data_name_birth_lookup_idx" ON "personal_data" USING btree ("name_birth_lookup");