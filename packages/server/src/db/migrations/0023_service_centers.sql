CREATE TABLE "service_center_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"seq" bigint GENERATED ALWAYS AS IDENTITY (sequence name "service_center_events_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"center_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"actor_account_id" uuid,
	"actor_name" text NOT NULL,
	"changed_fields" text[] DEFAULT '{}'::text[] NOT NULL,
	"operator_account_id" uuid,
	"operator_name" text
);
--> statement-breakpoint
CREATE TABLE "service_center_operators" (
	"center_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"attached_at" timestamp with time zone NOT NULL,
	"attached_by" uuid NOT NULL,
	CONSTRAINT "service_center_operators_center_id_account_id_pk" PRIMARY KEY("center_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "service_centers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"address_key" text NOT NULL,
	"lat" double precision,
	"lon" double precision,
	"time_zone" text NOT NULL,
	"hours" jsonb NOT NULL,
	"weekly_open_utc" "int4multirange" NOT NULL,
	"exception_days" "tstzmultirange" NOT NULL,
	"exception_open" "tstzmultirange" NOT NULL,
	"phone" text,
	"email" text,
	"directions" text,
	"accessibility" text[] NOT NULL,
	"services" text[] NOT NULL,
	"status" text NOT NULL,
	"revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" uuid NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD COLUMN "center_id" uuid;--> statement-breakpoint
ALTER TABLE "service_center_events" ADD CONSTRAINT "service_center_events_center_id_service_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_center_events" ADD CONSTRAINT "service_center_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_center_events" ADD CONSTRAINT "service_center_events_operator_account_id_accounts_id_fk" FOREIGN KEY ("operator_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_center_operators" ADD CONSTRAINT "service_center_operators_center_id_service_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_center_operators" ADD CONSTRAINT "service_center_operators_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_center_operators" ADD CONSTRAINT "service_center_operators_attached_by_accounts_id_fk" FOREIGN KEY ("attached_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_centers" ADD CONSTRAINT "service_centers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_centers" ADD CONSTRAINT "service_centers_created_by_accounts_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_center_events_center" ON "service_center_events" USING btree ("center_id","seq");--> statement-breakpoint
CREATE INDEX "service_center_operators_account" ON "service_center_operators" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "service_centers_organization" ON "service_centers" USING btree ("organization_id","name","id");--> statement-breakpoint
CREATE INDEX "service_centers_region" ON "service_centers" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "service_centers_address" ON "service_centers" USING btree ("address_key");--> statement-breakpoint
CREATE INDEX "service_centers_map" ON "service_centers" USING btree ("lat","lon") WHERE "service_centers"."status" = 'active';--> statement-breakpoint
CREATE INDEX "service_centers_map_region" ON "service_centers" USING btree ("region_code","lat","lon") WHERE "service_centers"."status" = 'active';--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_center_id_service_centers_id_fk" FOREIGN KEY ("center_id") REFERENCES "public"."service_centers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE TRIGGER service_center_events_no_update BEFORE UPDATE OR DELETE ON service_center_events
  FOR EACH ROW EXECUTE FUNCTION refuse_change_append_only();
