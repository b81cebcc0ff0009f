CREATE TABLE "regional_operator_staff" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"granted_by" uuid,
	"granted_via" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revoked_via" text,
	CONSTRAINT "regional_operator_staff_revoked" CHECK (("regional_operator_staff"."revoked_at" is null) = ("regional_operator_staff"."revoked_via" is null))
);
--> statement-breakpoint
ALTER TABLE "regional_operator_staff" ADD CONSTRAINT "regional_operator_staff_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_operator_staff" ADD CONSTRAINT "regional_operator_staff_granted_by_accounts_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_operator_staff" ADD CONSTRAINT "regional_operator_staff_revoked_by_accounts_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "regional_operator_staff_live" ON "regional_operator_staff" USING btree ("account_id") WHERE "regional_operator_staff"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "regional_operator_staff_region" ON "regional_operator_staff" USING btree ("region_code") WHERE "regional_operator_staff"."revoked_at" is null;