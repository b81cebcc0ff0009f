CREATE TABLE "audit_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
-- The head starts at the last existing link (or the genesis value on a new database).
INSERT INTO "audit_head" ("id", "prev_hash", "hash")
SELECT 1, repeat('0', 64), coalesce((SELECT "hash" FROM "audit_log" ORDER BY "seq" DESC LIMIT 1), repeat('0', 64));
