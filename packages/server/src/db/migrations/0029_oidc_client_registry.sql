ALTER TABLE "oidc_clients" ADD COLUMN "registered_by" uuid;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "block_reason" text;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD CONSTRAINT "oidc_clients_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD CONSTRAINT "oidc_clients_registered_by_accounts_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oidc_clients_client_id_ci" ON "oidc_clients" USING btree (lower("client_id"));--> statement-breakpoint
CREATE INDEX "oidc_clients_organization" ON "oidc_clients" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "oidc_clients_created" ON "oidc_clients" USING btree ("created_at","id");