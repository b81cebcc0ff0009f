CREATE TABLE "organization_application_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"application_id" uuid NOT NULL,
	"event" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_account_id" uuid NOT NULL,
	"comment" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organization_applications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"form" text NOT NULL,
	"status" text NOT NULL,
	"region_code" text NOT NULL,
	"content" jsonb NOT NULL,
	"signing_method" text,
	"signed_document_id" uuid,
	"remarks" text,
	"rejection_reason" text,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"forwarded_at" timestamp with time zone,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organization_application_events" ADD CONSTRAINT "organization_application_events_application_id_organization_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."organization_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_application_events" ADD CONSTRAINT "organization_application_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_applications" ADD CONSTRAINT "organization_applications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_applications" ADD CONSTRAINT "organization_applications_signed_document_id_signed_documents_id_fk" FOREIGN KEY ("signed_document_id") REFERENCES "public"."signed_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_applications" ADD CONSTRAINT "organization_applications_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_application_events_application" ON "organization_application_events" USING btree ("application_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_applications_one_live" ON "organization_applications" USING btree ("organization_id","form") WHERE "organization_applications"."status" in ('draft', 'submitted', 'returned', 'forwarded');--> statement-breakpoint
CREATE INDEX "organization_applications_organization" ON "organization_applications" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "organization_applications_regional_queue" ON "organization_applications" USING btree ("region_code","submitted_at","id") WHERE "organization_applications"."status" = 'submitted';--> statement-breakpoint
CREATE INDEX "organization_applications_federal_queue" ON "organization_applications" USING btree ("forwarded_at","id") WHERE "organization_applications"."status" = 'forwarded';--> statement-breakpoint
-- An application's history is append-only, like the audit log: the database refuses to change it.
-- One refusal for every append-only table from here on, naming the table it guards.
CREATE OR REPLACE FUNCTION refuse_change_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER organization_application_events_no_update BEFORE UPDATE OR DELETE ON organization_application_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
