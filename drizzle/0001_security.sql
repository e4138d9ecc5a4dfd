-- Hand-written: what drizzle-kit does not model. Row-level security (the second tenant wall),
-- the views of the contract, the append-only audit trigger, and the application role.

-- The role requests run as: not superuser, not table owner, so FORCE'd RLS always applies.
-- Roles are cluster-wide: several databases of one cluster (tests, staging) share it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
    CREATE ROLE switchboard_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another database's migration
  WHEN insufficient_privilege THEN
    RAISE WARNING 'cannot create role switchboard_app (no CREATEROLE); requests will run as the connecting role';
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['sessions', 'tasks', 'approvals', 'audit_heads', 'audit_events', 'idempotency_keys'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I USING (tenant_id = current_setting(''app.tenant_id'', true)) '
      'WITH CHECK (tenant_id = current_setting(''app.tenant_id'', true))', t);
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE VIEW active_sessions WITH (security_invoker = true) AS
  SELECT * FROM sessions WHERE status = 'active';
--> statement-breakpoint
CREATE VIEW pending_approvals WITH (security_invoker = true) AS
  SELECT a.*,
         t.type AS task_type,
         t.to_agent_role AS task_to_agent_role,
         t.status AS task_status,
         t.priority AS task_priority,
         t.created_at AS task_created_at
    FROM approvals a
    JOIN tasks t ON t.tenant_id = a.tenant_id AND t.id = a.task_id
   WHERE a.status = 'pending';
--> statement-breakpoint
-- Append-only: no UPDATE, DELETE or TRUNCATE, for the application role and the owner alike.
-- The one exception is a deliberate retention purge, which sets switchboard.audit_purge locally.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('switchboard.audit_purge', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
--> statement-breakpoint
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
    GRANT USAGE ON SCHEMA public TO switchboard_app;
    GRANT SELECT, INSERT, UPDATE ON tenants, sessions, tasks, approvals, audit_heads TO switchboard_app;
    GRANT SELECT, INSERT ON audit_events TO switchboard_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys TO switchboard_app;
    GRANT SELECT ON active_sessions, pending_approvals TO switchboard_app;
    -- Readiness checks that this build's migrations are applied.
    GRANT USAGE ON SCHEMA drizzle TO switchboard_app;
    GRANT SELECT ON drizzle.__drizzle_migrations TO switchboard_app;
    -- A runaway statement or a transaction left open by a dead client must not hold locks forever.
    ALTER ROLE switchboard_app SET statement_timeout = '15s';
    ALTER ROLE switchboard_app SET idle_in_transaction_session_timeout = '60s';
    ALTER ROLE switchboard_app SET lock_timeout = '10s';
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE WARNING 'cannot configure role switchboard_app: %', SQLERRM;
END
$$;
