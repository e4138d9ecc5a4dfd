-- Hand-written: one step of a tenant's audit chain as a function, and the creation of a session
-- (the row and its audit event) as one statement.
--
-- audit_append() is the statement every audited write ends with (it was the text of
-- `appendStatement` in src/modules/audit/repository.ts, which now calls it): the tenant's chain
-- head is advanced (its row lock serializes the tenant's writers until commit, which is why this
-- is the last statement before COMMIT) and the event takes the head's new seq and hash, computed
-- as sha256(prev_hash || prefix || seq || suffix) over the event's canonical JSON split around
-- its seq (src/modules/audit/hash.ts). Scalar subqueries make a missing head fail the NOT NULL
-- constraints instead of silently inserting nothing.
CREATE FUNCTION audit_append(
  p_tenant text, p_prefix text, p_suffix text, p_id uuid, p_occurred_at timestamptz,
  p_actor_type text, p_actor_id text, p_action text, p_resource_type text, p_resource_id text,
  p_trace_id text, p_request_id text, p_data jsonb
) RETURNS TABLE (seq bigint, prev_hash text, hash text)
LANGUAGE plpgsql VOLATILE ROWS 1 AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH head AS (
      UPDATE audit_heads h
         SET seq = h.seq + 1,
             prev_hash = h.hash,
             hash = encode(sha256(convert_to(h.hash || p_prefix || (h.seq + 1)::text || p_suffix, 'UTF8')), 'hex')
       WHERE h.tenant_id = p_tenant
      RETURNING h.seq, h.prev_hash, h.hash
    )
    INSERT INTO audit_events AS e
      (tenant_id, seq, id, occurred_at, actor_type, actor_id, action, resource_type, resource_id,
       trace_id, request_id, data, prev_hash, hash)
    VALUES (p_tenant, (SELECT head.seq FROM head), p_id, p_occurred_at, p_actor_type, p_actor_id,
       p_action, p_resource_type, p_resource_id, p_trace_id, p_request_id, p_data,
       (SELECT head.prev_hash FROM head), (SELECT head.hash FROM head))
    RETURNING e.seq, e.prev_hash, e.hash;
END
$$;
--> statement-breakpoint
-- POST /v1/sessions as one statement, which is its own transaction, instead of BEGIN,
-- set_config, the INSERT, the audit append and COMMIT (see drizzle/0009_point_reads.sql for why:
-- each statement is a query for the driver to build, send, parse and resolve). In order: the
-- tenant and the role (set_tenant), the row, then the audit event, last. The row comes as JSON
-- keyed by column (every column: a key that is missing is NULL, not the column's default), as the
-- service built it; row-level security checks its tenant. When the request has something to
-- commit with the session (its Idempotency-Key), the same call runs inside a tenant transaction.
CREATE FUNCTION create_session(
  p_tenant text, p_role text, p_session jsonb,
  p_prefix text, p_suffix text, p_event_id uuid, p_occurred_at timestamptz,
  p_actor_type text, p_actor_id text, p_action text, p_resource_type text, p_resource_id text,
  p_trace_id text, p_request_id text, p_data jsonb
) RETURNS SETOF sessions
LANGUAGE plpgsql VOLATILE ROWS 1 AS $$
BEGIN
  PERFORM set_tenant(p_tenant, p_role);
  RETURN QUERY INSERT INTO sessions SELECT * FROM jsonb_populate_record(NULL::sessions, p_session) RETURNING *;
  PERFORM audit_append(p_tenant, p_prefix, p_suffix, p_event_id, p_occurred_at, p_actor_type, p_actor_id,
    p_action, p_resource_type, p_resource_id, p_trace_id, p_request_id, p_data);
END
$$;
