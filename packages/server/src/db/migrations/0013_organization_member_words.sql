CREATE TABLE "organization_member_words" (
	"member_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"organization_id" uuid NOT NULL,
	"word" text NOT NULL,
	"name_key" text NOT NULL,
	CONSTRAINT "organization_member_words_member_id_position_pk" PRIMARY KEY("member_id","position")
);
--> statement-breakpoint
ALTER TABLE "organization_member_words" ADD CONSTRAINT "organization_member_words_member_id_organization_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."organization_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_member_words_prefix" ON "organization_member_words" USING btree ("organization_id","word" text_pattern_ops,"name_key","member_id","position");--> statement-breakpoint
CREATE INDEX "organization_members_by_name" ON "organization_members" USING btree ("organization_id","name_key" collate "C","id","account_id") WHERE "organization_members"."removed_at" is null;