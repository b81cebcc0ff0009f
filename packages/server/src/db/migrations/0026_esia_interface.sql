CREATE TABLE "esia_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"client_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"version" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"access_type" text NOT NULL,
	"code_challenge" text,
	"code_challenge_method" text,
	"sid" text NOT NULL,
	"auth_method" text NOT NULL,
	"auth_time" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "esia_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"browser_hash" text NOT NULL,
	"client_id" text NOT NULL,
	"version" text NOT NULL,
	"redirect_uri" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"state" text NOT NULL,
	"access_type" text NOT NULL,
	"code_challenge" text,
	"code_challenge_method" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "esia_tokens" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"grant_hash" text NOT NULL,
	"client_id" text NOT NULL,
	"account_id" uuid NOT NULL,
	"sid" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"redirect_uri" text NOT NULL,
	"auth_method" text NOT NULL,
	"auth_time" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "certificate_der" "bytea";--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "certificate_hash" text;--> statement-breakpoint
ALTER TABLE "esia_codes" ADD CONSTRAINT "esia_codes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "esia_tokens" ADD CONSTRAINT "esia_tokens_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "esia_codes_expires" ON "esia_codes" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "esia_requests_expires" ON "esia_requests" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "esia_tokens_grant" ON "esia_tokens" USING btree ("grant_hash");--> statement-breakpoint
CREATE INDEX "esia_tokens_account_client" ON "esia_tokens" USING btree ("account_id","client_id");--> statement-breakpoint
CREATE INDEX "esia_tokens_sid" ON "esia_tokens" USING btree ("sid");--> statement-breakpoint
CREATE INDEX "esia_tokens_expires" ON "esia_tokens" USING btree ("expires_at");