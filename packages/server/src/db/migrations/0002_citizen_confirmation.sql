CREATE TABLE "simulator_post_items" (
	"reference" text PRIMARY KEY NOT NULL,
	"tracking_number" text NOT NULL,
	"recipient" text NOT NULL,
	"body" text NOT NULL,
	"accepted_at" timestamp with time zone NOT NULL,
	"deliver_at" timestamp with time zone NOT NULL,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "simulator_post_items_tracking_number_unique" UNIQUE("tracking_number")
);
--> statement-breakpoint
CREATE INDEX "simulator_post_items_deliver_idx" ON "simulator_post_items" USING btree ("deliver_at");--> statement-breakpoint
CREATE UNIQUE INDEX "post_letters_active_unique" ON "post_letters" USING btree ("account_id") WHERE state in ('created', 'sent', 'delivered');