-- One definition of how an entry joins the chain, callable from any statement (a sign-in records
-- its session and its audit entry in one statement). The UPDATE of the head takes its row lock,
-- waits behind any other appending transaction and re-reads the newest head; SET reads the old
-- hash. The hash is SHA-256 over prev_hash || E'\n' || body, body being the entry's canonical JSON
-- made by the application (audit/log.ts), which recomputes the same hash when it verifies.
CREATE OR REPLACE FUNCTION audit_append(
  p_at timestamptz, p_event text, p_actor_type text, p_actor_id text, p_subject_id text,
  p_ip text, p_data jsonb, p_body text
) RETURNS bigint AS $$
DECLARE
  v_prev text;
  v_hash text;
  v_seq bigint;
BEGIN
  UPDATE audit_head
     SET prev_hash = hash,
         hash = encode(sha256(convert_to(hash || E'\n' || p_body, 'UTF8')), 'hex')
   WHERE id = 1
  RETURNING prev_hash, hash INTO v_prev, v_hash;
  INSERT INTO audit_log (at, event, actor_type, actor_id, subject_id, ip, data, prev_hash, hash)
  VALUES (p_at, p_event, p_actor_type, p_actor_id, p_subject_id, p_ip, p_data, v_prev, v_hash)
  RETURNING seq INTO v_seq;
  RETURN v_seq;
END;
$$ LANGUAGE plpgsql;
