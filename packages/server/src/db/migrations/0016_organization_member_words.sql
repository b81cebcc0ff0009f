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
CREATE INDEX "organization_members_by_name" ON "organization_members" USING btree ("organization_id","name_key" collate "C","id","account_id") WHERE "organization_members"."removed_at" is null;--> statement-breakpoint
-- The words of the employees already there, as memberNameWords splits them (insertMember writes them from now on).
INSERT INTO "organization_member_words" ("member_id", "position", "organization_id", "word", "name_key")
SELECT "id", "position", "organization_id", "word", "name_key" FROM (
  SELECT m."id", m."organization_id", m."name_key", w."word",
    (row_number() OVER (PARTITION BY m."id" ORDER BY w."n") - 1)::smallint AS "position"
  FROM "organization_members" m, regexp_split_to_table(m."name_key", '[ .,-]+') WITH ORDINALITY AS w("word", "n")
  WHERE m."removed_at" IS NULL AND w."word" <> ''
) "words" WHERE "position" < 8;
