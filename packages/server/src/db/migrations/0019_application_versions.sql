CREATE TABLE "organization_application_versions" (
	"application_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"digest" text NOT NULL,
	"signing_method" text NOT NULL,
	"signed_document_id" uuid,
	"scan" "bytea",
	"scan_type" text,
	"scan_file_name" text,
	"submitted_by" uuid NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organization_application_versions_application_id_version_pk" PRIMARY KEY("application_id","version")
);
--> statement-breakpoint
ALTER TABLE "organization_application_events" ADD COLUMN "version" integer;--> statement-breakpoint
ALTER TABLE "organization_applications" ADD COLUMN "version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "organization_application_versions" ADD CONSTRAINT "organization_application_versions_application_id_organization_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."organization_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_application_versions" ADD CONSTRAINT "organization_application_versions_signed_document_id_signed_documents_id_fk" FOREIGN KEY ("signed_document_id") REFERENCES "public"."signed_documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_application_versions" ADD CONSTRAINT "organization_application_versions_submitted_by_accounts_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- What was signed and sent stays as it was sent (refuse_change_append_only: migration 0018).
CREATE TRIGGER organization_application_versions_append_only BEFORE UPDATE OR DELETE ON organization_application_versions
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
