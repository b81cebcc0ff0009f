CREATE TABLE "code_sends" (
	"id" uuid PRIMARY KEY NOT NULL,
	"purpose" text NOT NULL,
	"destination" text NOT NULL,
	"ip" text,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "code_sends_destination_idx" ON "code_sends" USING btree ("destination","sent_at");--> statement-breakpoint
CREATE INDEX "code_sends_ip_idx" ON "code_sends" USING btree ("ip","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "one_time_codes_link_token_unique" ON "one_time_codes" USING btree ("link_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "one_time_codes_completion_token_unique" ON "one_time_codes" USING btree ("completion_token_hash");