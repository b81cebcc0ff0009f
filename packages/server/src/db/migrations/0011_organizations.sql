CREATE TABLE "organization_approvals" (
	"organization_id" uuid NOT NULL,
	"approval" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "organization_approvals_organization_id_approval_pk" PRIMARY KEY("organization_id","approval")
);
--> statement-breakpoint
CREATE TABLE "organization_group_members" (
	"organization_id" uuid NOT NULL,
	"group" text NOT NULL,
	"account_id" uuid NOT NULL,
	"added_at" timestamp with time zone NOT NULL,
	"added_by" uuid NOT NULL,
	CONSTRAINT "organization_group_members_organization_id_group_account_id_pk" PRIMARY KEY("organization_id","group","account_id")
);
--> statement-breakpoint
CREATE TABLE "organization_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"email" text NOT NULL,
	"last_name" text NOT NULL,
	"first_name" text NOT NULL,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" uuid NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"accepted_by" uuid,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organization_members" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"is_head" boolean DEFAULT false NOT NULL,
	"is_administrator" boolean DEFAULT false NOT NULL,
	"name_key" text NOT NULL,
	"joined_at" timestamp with time zone NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ogrn" text NOT NULL,
	"inn" text NOT NULL,
	"kpp" text,
	"full_name" text NOT NULL,
	"short_name" text NOT NULL,
	"type" text NOT NULL,
	"region_code" text NOT NULL,
	"legal_address" text NOT NULL,
	"postal_address" text NOT NULL,
	"phone" text NOT NULL,
	"email" text NOT NULL,
	"head_last_name" text NOT NULL,
	"head_first_name" text NOT NULL,
	"head_middle_name" text,
	"head_position" text,
	"status" text NOT NULL,
	"refusal" text,
	"return_reason" text,
	"operator_of_region" text,
	"certificate_fingerprint" text NOT NULL,
	"registered_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"revision" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "organization_approvals" ADD CONSTRAINT "organization_approvals_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_group_members" ADD CONSTRAINT "organization_group_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_group_members" ADD CONSTRAINT "organization_group_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_invited_by_accounts_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_invitations" ADD CONSTRAINT "organization_invitations_accepted_by_accounts_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_members" ADD CONSTRAINT "organization_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_members" ADD CONSTRAINT "organization_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_registered_by_accounts_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_group_members_account" ON "organization_group_members" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_invitations_token" ON "organization_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "organization_invitations_org" ON "organization_invitations" USING btree ("organization_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_members_active" ON "organization_members" USING btree ("organization_id","account_id") WHERE "organization_members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "organization_members_account" ON "organization_members" USING btree ("account_id") WHERE "organization_members"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "organization_members_name" ON "organization_members" USING btree ("organization_id","name_key" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_ogrn_live" ON "organizations" USING btree ("ogrn") WHERE "organizations"."status" <> 'rejected';--> statement-breakpoint
CREATE INDEX "organizations_region_status" ON "organizations" USING btree ("region_code","status");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_operator_of_region" ON "organizations" USING btree ("operator_of_region") WHERE "organizations"."operator_of_region" is not null;