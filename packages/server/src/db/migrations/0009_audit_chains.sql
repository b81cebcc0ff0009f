-- Sixteen chains instead of one, so that concurrent appenders rarely wait for each other (every
-- sign-in appends), and a keyed MAC on every entry. The entries written so far are chain 1, the
-- one chain there was; they keep no MAC (the key never reached the database) and are anchored by
-- the first checkpoint written outside the database (audit/checkpoints.ts).
ALTER TABLE "audit_head" ADD COLUMN "seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_head" ALTER COLUMN "seq" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "chain" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_log" ALTER COLUMN "chain" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "audit_log" ADD COLUMN "mac" text;--> statement-breakpoint
UPDATE "audit_head" SET "seq" = coalesce((SELECT max("seq") FROM "audit_log"), 0) WHERE "id" = 1;--> statement-breakpoint
INSERT INTO "audit_head" ("id", "seq", "prev_hash", "hash")
SELECT n, 0, repeat('0', 64), repeat('0', 64) FROM generate_series(2, 16) AS n;--> statement-breakpoint
DROP FUNCTION audit_append(timestamptz, text, text, text, text, text, jsonb, text);--> statement-breakpoint
-- The chain is chosen by the transaction's id, so all entries of one transaction extend one chain
-- (a transaction holds at most one head lock: two appenders can never deadlock on the heads) and
-- consecutive transactions spread over all sixteen. The head row is locked first and the entry's
-- seq taken after, so within a chain seq order is link order. p_mac is the HMAC the application
-- computed over the body with AUDIT_KEY (audit/log.ts), stored as given: the key is never sent
-- here. The link is SHA-256 over prev_hash || E'\n' || body || E'\n' || mac.
CREATE FUNCTION audit_append(
  p_at timestamptz, p_event text, p_actor_type text, p_actor_id text, p_subject_id text,
  p_ip text, p_data jsonb, p_body text, p_mac text
) RETURNS bigint AS $$
DECLARE
  v_chain integer := 1 + (txid_current() % 16)::integer;
  v_prev text;
  v_hash text;
  v_seq bigint;
BEGIN
  SELECT hash INTO v_prev FROM audit_head WHERE id = v_chain FOR UPDATE;
  v_hash := encode(sha256(convert_to(v_prev || E'\n' || p_body || E'\n' || p_mac, 'UTF8')), 'hex');
  INSERT INTO audit_log (at, event, actor_type, actor_id, subject_id, ip, data, chain, prev_hash, hash, mac)
  VALUES (p_at, p_event, p_actor_type, p_actor_id, p_subject_id, p_ip, p_data, v_chain, v_prev, v_hash, p_mac)
  RETURNING seq INTO v_seq;
  UPDATE audit_head SET seq = v_seq, prev_hash = v_prev, hash = v_hash WHERE id = v_chain;
  RETURN v_seq;
END;
$$ LANGUAGE plpgsql;
