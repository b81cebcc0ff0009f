ALTER TABLE "personal_data" ADD COLUMN "inn_encrypted" "bytea";--> statement-breakpoint
ALTER TABLE "personal_data" ADD COLUMN "inn_lookup_state" text;--> statement-breakpoint
ALTER TABLE "personal_data" ADD COLUMN "inn_revision" integer;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "grant_types" jsonb DEFAULT '["authorization_code","refresh_token"]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "backchannel_logout_uri" text;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "backchannel_logout_session_required" boolean DEFAULT false NOT NULL;