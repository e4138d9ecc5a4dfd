-- Hand-written: the notification that feeds GET /v1/audit-events/stream, and the retention purge.

-- One notification per tenant per statement (not per row): "tenant_id:highest seq". NOTIFY is
-- transactional, so listeners hear of an event only once it is committed, never of a rolled back
-- one; the payload is a hint, and listeners read the events themselves (seq > what they have).
CREATE FUNCTION audit_events_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('switchboard_audit', n.tenant_id || ':' || max(n.seq))
     FROM new_events n
    GROUP BY n.tenant_id;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_notify AFTER INSERT ON audit_events
  REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_notify();
--> statement-breakpoint
-- The retention purge: deletes the oldest events of the caller's tenant (app.tenant_id) that
-- occurred before p_before, at most p_limit of them, and records the boundary on audit_heads so
-- that the retained chain stays verifiable from the hash of the last purged event.
--
-- Only a prefix of the chain is deleted: the purge stops before the first event that is not old
-- enough (occurred_at is the writer's clock, which need not grow with seq), so what remains is
-- contiguous from purged_through_seq + 1. It runs as the owner (the application role has no
-- DELETE on audit_events) and lifts the append-only trigger only around its own DELETE.
CREATE FUNCTION audit_purge(p_tenant text, p_before timestamptz, p_limit integer)
RETURNS TABLE (deleted bigint, purged_through_seq bigint, purged_through_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  v_from bigint;
  v_head bigint;
  v_recent bigint;
  v_upper bigint;
  v_hash text;
  v_deleted bigint;
BEGIN
  IF p_tenant IS DISTINCT FROM current_setting('app.tenant_id', true) THEN
    RAISE EXCEPTION 'audit_purge: tenant % is not the tenant of this transaction', p_tenant
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF p_before IS NULL OR p_limit IS NULL OR p_limit < 1 THEN
    RAISE EXCEPTION 'audit_purge: a cutoff and a positive limit are required'
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  -- The head row lock serializes the purge with the tenant's writers and other purges, for one batch.
  SELECT h.purged_through_seq, h.seq, h.purged_through_hash INTO v_from, v_head, v_hash
    FROM audit_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
  IF NOT FOUND THEN
    RETURN QUERY SELECT 0::bigint, 0::bigint, NULL::text;
    RETURN;
  END IF;
  SELECT e.seq INTO v_recent FROM audit_events e
   WHERE e.tenant_id = p_tenant AND e.seq > v_from AND e.seq <= v_from + p_limit
     AND e.occurred_at >= p_before
   ORDER BY e.seq LIMIT 1;
  v_upper := LEAST(COALESCE(v_recent - 1, v_from + p_limit), v_head);
  IF v_upper <= v_from THEN
    RETURN QUERY SELECT 0::bigint, v_from, v_hash;
    RETURN;
  END IF;
  SELECT e.hash INTO v_hash FROM audit_events e WHERE e.tenant_id = p_tenant AND e.seq = v_upper;
  IF v_hash IS NULL THEN
    -- A chain with a hole is evidence: purging across it would erase the boundary's proof.
    RAISE EXCEPTION 'audit_purge: event % of tenant % is missing; verify the chain first', v_upper, p_tenant
      USING ERRCODE = 'data_corrupted';
  END IF;
  PERFORM set_config('switchboard.audit_purge', 'on', true);
  DELETE FROM audit_events e WHERE e.tenant_id = p_tenant AND e.seq > v_from AND e.seq <= v_upper;
  GET DIAGNOSTICS v_deleted = ROW_COUNT;
  PERFORM set_config('switchboard.audit_purge', 'off', true);
  UPDATE audit_heads h
     SET purged_through_seq = v_upper, purged_through_hash = v_hash, purged_at = now()
   WHERE h.tenant_id = p_tenant;
  RETURN QUERY SELECT v_deleted, v_upper, v_hash;
END
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION audit_purge(text, timestamptz, integer) FROM PUBLIC;
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
    GRANT EXECUTE ON FUNCTION audit_purge(text, timestamptz, integer) TO switchboard_app;
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE WARNING 'cannot grant audit_purge to switchboard_app: %', SQLERRM;
END
$$;
