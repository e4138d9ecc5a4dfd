-- Hand-written: a read of one session or task by id, and a page of the session list without
-- filters, as one statement.
--
-- A tenant transaction is four statements (BEGIN, set_config, the SELECT, COMMIT). Sent in one
-- flight they cost one round trip, but each is a query for the driver to build, send, parse and
-- resolve: on GET /v1/sessions/{id} they were about a third of the server's CPU (bench/README.md,
-- change 16). Each function below is called as a single statement, which is its
-- own transaction, and runs in order what the transaction ran: the tenant for row-level security
-- (transaction-local, so the pooled connection carries nothing onward), the switch to the
-- application role when the pool logs in as another one, then the SELECT, which still filters by
-- tenant itself (the first wall) and is planned, as every tenant statement, for any tenant
-- (plan_cache_mode, see src/db/tenant-tx.ts). SECURITY INVOKER: the caller's privileges, and
-- row-level security, apply. set_tenant() is what withTenantTx's set_config statement does,
-- in the transaction of the statement that calls it.
CREATE FUNCTION set_tenant(p_tenant text, p_role text) RETURNS void
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  PERFORM set_config('app.tenant_id', p_tenant, true);
  IF p_role IS NOT NULL THEN
    PERFORM set_config('role', p_role, true);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION read_session(p_tenant text, p_role text, p_id uuid) RETURNS SETOF sessions
LANGUAGE plpgsql VOLATILE ROWS 1 SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM set_tenant(p_tenant, p_role);
  RETURN QUERY SELECT * FROM sessions WHERE tenant_id = p_tenant AND id = p_id;
END
$$;
--> statement-breakpoint
CREATE FUNCTION read_task(p_tenant text, p_role text, p_id uuid) RETURNS SETOF tasks
LANGUAGE plpgsql VOLATILE ROWS 1 SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM set_tenant(p_tenant, p_role);
  RETURN QUERY SELECT * FROM tasks WHERE tenant_id = p_tenant AND id = p_id;
END
$$;
--> statement-breakpoint
-- The session list without filters, newest first, in cursor mode: its first page and the pages
-- after a cursor (two statements, so that a cursor page starts at the cursor in the primary key).
CREATE FUNCTION read_sessions_page(p_tenant text, p_role text, p_after uuid, p_limit integer)
RETURNS SETOF sessions
LANGUAGE plpgsql VOLATILE ROWS 21 SET plan_cache_mode = force_generic_plan AS $$
BEGIN
  PERFORM set_tenant(p_tenant, p_role);
  IF p_after IS NULL THEN
    RETURN QUERY SELECT * FROM sessions WHERE tenant_id = p_tenant ORDER BY id DESC LIMIT p_limit;
  ELSE
    RETURN QUERY SELECT * FROM sessions WHERE tenant_id = p_tenant AND id < p_after
      ORDER BY id DESC LIMIT p_limit;
  END IF;
END
$$;
