CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "complaints_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"category" text NOT NULL,
	"text" text NOT NULL,
	"place" text,
	"complainant_account_id" uuid,
	"complainant_email_encrypted" "bytea",
	"created_at" timestamp with time zone NOT NULL,
	"answer_due_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	CONSTRAINT "complaints_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "blocked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "blocked_reason" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "blocked_by" uuid;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_complainant_account_id_accounts_id_fk" FOREIGN KEY ("complainant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_answered_by_accounts_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "complaints_organization" ON "complaints" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_organization_awaiting" ON "complaints" USING btree ("organization_id","answer_due_at","id") WHERE "complaints"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "complaints_region" ON "complaints" USING btree ("region_code","created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_region_awaiting" ON "complaints" USING btree ("region_code","answer_due_at","id") WHERE "complaints"."answered_at" is null;--> statement-breakpoint
CREATE INDEX "complaints_created" ON "complaints" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "complaints_awaiting" ON "complaints" USING btree ("answer_due_at","id") WHERE "complaints"."answered_at" is null;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_blocked_by_accounts_id_fk" FOREIGN KEY ("blocked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;