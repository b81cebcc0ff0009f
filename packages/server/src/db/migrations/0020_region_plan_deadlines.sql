CREATE TABLE "region_plan_deadlines" (
	"region_code" text PRIMARY KEY NOT NULL,
	"deadline" date NOT NULL,
	"set_by" uuid NOT NULL,
	"set_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "region_plan_deadlines" ADD CONSTRAINT "region_plan_deadlines_set_by_accounts_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;