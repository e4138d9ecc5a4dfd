-- Hand-written: session creates of any tenants committed together (group commit, see
-- src/db/group-commit.ts). Under load a process gathers the creates that arrive while its previous
-- group is in the database, and sends them as one call of create_sessions(): one statement, one
-- transaction, one commit, one round trip, instead of one of each per create (the database's CPU
-- per create: ~440 us alone, ~250-280 us in groups of 8 to 16; bench/README.md, change 21).
--
-- p_items is a JSON array of {tenant, session, event}: `session` the row as create_session()
-- takes it, `event` audit_append()'s parameters after the tenant, in its order. Each item is done
-- in a block of its own (a subtransaction): the tenant and the role (set_tenant), the tenant's
-- chain head (locked first: the group holds it until commit), the row, the audit event. A row is
-- returned for each item done, and only for those; an item is not done, and nothing of it
-- remains, when
--   * its tenant's chain head is held by another transaction: the group does not wait for it
--     (SKIP LOCKED), so one tenant's busy chain never holds up the other tenants' creates, and two
--     groups never wait for each other (no deadlock, whatever the order of their tenants);
--   * anything in it fails (say, a task_id of no task of the tenant).
-- The caller creates each item not done on its own with create_session(), which waits for the
-- head, or raises the item's error to its own request.
CREATE FUNCTION create_sessions(p_role text, p_items jsonb) RETURNS SETOF sessions
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  item jsonb;
  e jsonb;
  created sessions;
  done boolean;
BEGIN
  FOR item IN SELECT value FROM jsonb_array_elements(p_items) LOOP
    done := false;
    BEGIN
      PERFORM set_tenant(item->>'tenant', p_role);
      PERFORM 1 FROM audit_heads WHERE tenant_id = item->>'tenant' FOR UPDATE SKIP LOCKED;
      IF FOUND THEN
        INSERT INTO sessions SELECT * FROM jsonb_populate_record(NULL::sessions, item->'session')
          RETURNING * INTO created;
        e := item->'event';
        PERFORM audit_append(item->>'tenant', e->>0, e->>1, (e->>2)::uuid, (e->>3)::timestamptz,
          e->>4, e->>5, e->>6, e->>7, e->>8, e->>9, e->>10, (e->>11)::jsonb);
        done := true;
      END IF;
    EXCEPTION WHEN OTHERS THEN
      done := false; -- rolled back to the block's start; the caller creates it on its own
    END;
    -- Returned only once the item's block has ended well: a row returned inside it would stay in
    -- the result even if the block were rolled back.
    IF done THEN
      RETURN NEXT created;
    END IF;
  END LOOP;
END
$$;
