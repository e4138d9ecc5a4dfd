-- Hand-written: the role the scheduler's sweeps discover work with, across tenants.
--
-- Requests see one tenant (FORCE'd row-level security on app.tenant_id). A sweep must first find
-- what is due in every tenant (expired leases, approvals, sessions), so discovery runs in a short
-- read-only transaction as switchboard_sweeper, whose policies below let it SELECT every row of
-- sessions, tasks and approvals and nothing else. Each change is then made in that tenant's
-- ordinary transaction (switchboard_app, app.tenant_id set), which re-checks the row's state.
--
-- switchboard_app may SET ROLE to the sweeper but does NOT inherit it (WITH INHERIT FALSE): with
-- inheritance, the sweeper's USING (true) policies would apply to every request as well, and the
-- tenant wall would be gone. Needs PostgreSQL 16 or later for the grant options.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_sweeper') THEN
    CREATE ROLE switchboard_sweeper NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT;
  END IF;
EXCEPTION
  WHEN duplicate_object OR unique_violation THEN NULL; -- created concurrently by another database's migration
  WHEN insufficient_privilege THEN
    RAISE WARNING 'cannot create role switchboard_sweeper (no CREATEROLE); sweeps will not find work across tenants';
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_sweeper') THEN
    RETURN;
  END IF;
  GRANT USAGE ON SCHEMA public TO switchboard_sweeper;
  FOREACH t IN ARRAY ARRAY['sessions', 'tasks', 'approvals'] LOOP
    EXECUTE format('GRANT SELECT ON %I TO switchboard_sweeper', t);
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t
                    AND policyname = 'sweeper_discovery') THEN
      EXECUTE format('CREATE POLICY sweeper_discovery ON %I FOR SELECT TO switchboard_sweeper USING (true)', t);
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'switchboard_app') THEN
    GRANT switchboard_sweeper TO switchboard_app WITH INHERIT FALSE, SET TRUE;
  END IF;
EXCEPTION
  WHEN insufficient_privilege THEN
    RAISE WARNING 'cannot configure role switchboard_sweeper: %', SQLERRM;
END
$$;
