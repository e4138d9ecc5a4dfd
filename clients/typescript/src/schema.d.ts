// Generated from openapi/openapi.json by `npm run openapi` (openapi-typescript). Do not edit.

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process is up */
        get: operations["healthz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness: the database is reachable and migrated
         * @description 503 (with Retry-After) while the database is unreachable, migrations are pending, or the server is shutting down. `scheduler` shows the last run of each sweep of this process; a failed sweep does not make the server unready (it backs off and retries on its own).
         */
        get: operations["readyz"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/admin/scheduler": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * This process's scheduler: the last run of each sweep
         * @description For operators: when each sweep last ran, how long it took, how many rows it changed, why it failed, and when it runs next. Every server process runs its own scheduler and answers with its own.
         *
         *     Requires scope `admin`.
         *
         *     Requires scope `admin`.
         */
        get: operations["getSchedulerStatus"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description In id order.
         *
         *     Requires scope `admin`.
         *
         *     Requires scope `admin`.
         */
        get: operations["listTenants"];
        put?: never;
        /**
         * Create a tenant
         * @description Creates the tenant and starts its audit chain. Idempotent by `id` (no Idempotency-Key): a retry gets 409 `already_exists`, and GET shows the tenant.
         *
         *     Requires scope `admin`.
         */
        post: operations["createTenant"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a tenant
         * @description Requires scope `admin`.
         *
         *     Requires scope `admin`.
         */
        get: operations["getTenant"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a tenant
         * @description Rename, change settings (merged; null restores the default), or disable/enable.
         *
         *     Requires scope `admin`.
         */
        patch: operations["updateTenant"];
        trace?: never;
    };
    "/v1/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sessions
         * @description Newest first. `status=active` is the active-sessions view.
         *
         *     Requires scope `sessions:read`.
         *
         *     Requires scope `sessions:read`.
         */
        get: operations["listSessions"];
        put?: never;
        /**
         * Open a session
         * @description Creates a session in status `pending`; `expires_at` is now + min(ttl_seconds, retention).
         *
         *     Requires scope `sessions:write`.
         */
        post: operations["createSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a session
         * @description Requires scope `sessions:read`.
         *
         *     Requires scope `sessions:read`.
         */
        get: operations["getSession"];
        /**
         * Update a session (PUT, same as PATCH)
         * @description Metadata is merged (a key set to null is removed); a status change goes through the lifecycle (409 if not allowed). Kept for clients of the original contract: same semantics as PATCH.
         *
         *     Requires scope `sessions:write`.
         */
        put: operations["replaceSession"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Update a session
         * @description Metadata is merged (a key set to null is removed); a status change goes through the lifecycle (409 if not allowed).
         *
         *     Requires scope `sessions:write`.
         */
        patch: operations["updateSession"];
        trace?: never;
    };
    "/v1/sessions/{id}/activate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Activate a pending session
         * @description Moves the session to `active`; 409 `invalid_transition` (with the allowed transitions) otherwise.
         *
         *     Requires scope `sessions:write`.
         */
        post: operations["activateSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete an active session
         * @description Moves the session to `completed`; 409 `invalid_transition` (with the allowed transitions) otherwise.
         *
         *     Requires scope `sessions:write`.
         */
        post: operations["completeSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fail an active session
         * @description Moves the session to `failed`; 409 `invalid_transition` (with the allowed transitions) otherwise.
         *
         *     Requires scope `sessions:write`.
         */
        post: operations["failSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sessions/{id}/expire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Expire a pending or active session
         * @description Moves the session to `expired`; 409 `invalid_transition` (with the allowed transitions) otherwise.
         *
         *     Requires scope `sessions:write`.
         */
        post: operations["expireSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List sessions (legacy)
         * @deprecated
         * @description Deprecated: the original, unversioned contract. Use the /v1/sessions operations.
         *
         *     Requires scope `sessions:read`.
         *
         *     Requires scope `sessions:read`.
         */
        get: operations["legacyListSessions"];
        put?: never;
        /**
         * Open a session (legacy)
         * @deprecated
         * @description Deprecated: the original, unversioned contract. Use the /v1/sessions operations.
         *
         *     Requires scope `sessions:write`.
         */
        post: operations["legacyCreateSession"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sessions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a session (legacy)
         * @deprecated
         * @description Deprecated: the original, unversioned contract. Use the /v1/sessions operations.
         *
         *     Requires scope `sessions:read`.
         *
         *     Requires scope `sessions:read`.
         */
        get: operations["legacyGetSession"];
        /**
         * Update a session (legacy)
         * @deprecated
         * @description Deprecated: the original, unversioned contract. Use the /v1/sessions operations.
         *
         *     Requires scope `sessions:write`.
         */
        put: operations["legacyUpdateSession"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tasks
         * @description Newest first, with filters.
         *
         *     Requires scope `tasks:read`.
         *
         *     Requires scope `tasks:read`.
         */
        get: operations["listTasks"];
        put?: never;
        /**
         * Create a task
         * @description Creates a task in `pending`, or in `waiting_approval` together with its approval when `requires_approval` is true. With a body `idempotency_key` that a live task of your tenant already has, that task is returned instead (200, `Idempotent-Replayed: true`), also when such creates race.
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["createTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a task
         * @description Requires scope `tasks:read`.
         *
         *     Requires scope `tasks:read`.
         */
        get: operations["getTask"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim the next task for a role
         * @description Gives the highest-priority, oldest claimable task (pending, `run_after` reached) routed to `agent_role`: it becomes `running`, held by `session_id` until `lease_expires_at` (renew with heartbeat), and `attempts` counts the claim. Concurrent claimers never get the same task and never wait for each other. 204 when nothing is claimable. The session must be `active` (409 `session_not_active`) and of your tenant (422 `invalid_reference`).
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["claimTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/heartbeat": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend the lease of a task you hold
         * @description Sets `lease_expires_at` to now + `lease_seconds`. Not audited (see the task version instead). The caller names its session in `session_id`; 409 `lease_not_held` when that session does not hold the task (another session claimed it, or the lease ended), 409 `invalid_transition` when the task moved on without it (e.g. cancelled).
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["heartbeatTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/complete": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete a task you hold
         * @description Moves the task to `completed` with its `output`. The caller names its session in `session_id`; 409 `lease_not_held` when that session does not hold the task (another session claimed it, or the lease ended), 409 `invalid_transition` when the task moved on without it (e.g. cancelled).
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["completeTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/fail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Fail the attempt of a task you hold
         * @description While attempts remain and `retry` is not false, the task returns to `pending` with an exponential, jittered `run_after` (capped at 15 minutes); otherwise it moves to `failed`. The caller names its session in `session_id`; 409 `lease_not_held` when that session does not hold the task (another session claimed it, or the lease ended), 409 `invalid_transition` when the task moved on without it (e.g. cancelled).
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["failTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a task
         * @description Moves a pending, running or waiting_approval task to `cancelled` (an open approval request is cancelled with it); 409 `invalid_transition` otherwise.
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["cancelTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tasks/{id}/request-approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Ask a human to approve a running task
         * @description The task moves from `running` to `waiting_approval` (its lease ends) and a pending approval is created. Approval returns the task to `pending`; rejection or expiry cancels it. If-Match applies to the task.
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["requestTaskApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List approvals
         * @description Newest first. `status=pending` is the pending-approvals view: what is waiting for a decision. Every item embeds a summary of its task.
         *
         *     Requires scope `approvals:read`.
         *
         *     Requires scope `approvals:read`.
         */
        get: operations["listApprovals"];
        put?: never;
        /**
         * Ask a human to approve a running task
         * @description The same as `POST /v1/tasks/{id}/request-approval`, with the task in the body: the task moves from `running` to `waiting_approval` and a pending approval is created. 422 `invalid_reference` when your tenant has no such task; 409 `invalid_transition` when it is not running.
         *
         *     Requires scope `tasks:write`.
         */
        post: operations["createApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an approval
         * @description Requires scope `approvals:read`.
         *
         *     Requires scope `approvals:read`.
         */
        get: operations["getApproval"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a pending approval
         * @description Decides a pending approval: its task returns to `pending`, claimable again. The requester can never decide their own request (403 `self_approval_forbidden`); an approval is decided once (409 `invalid_transition`, also for the loser of two racing decisions); past `expires_at` it can no longer be decided (409 `approval_expired`).
         *
         *     Requires scope `approvals:decide`.
         */
        post: operations["approveApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/approvals/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a pending approval
         * @description Decides a pending approval: its task is `cancelled`. The requester can never decide their own request (403 `self_approval_forbidden`); an approval is decided once (409 `invalid_transition`, also for the loser of two racing decisions); past `expires_at` it can no longer be decided (409 `approval_expired`).
         *
         *     Requires scope `approvals:decide`.
         */
        post: operations["rejectApproval"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List audit events
         * @description The tenant's audit log in chain order (oldest first), with filters.
         *
         *     Requires scope `audit:read`.
         *
         *     Requires scope `audit:read`.
         */
        get: operations["listAuditEvents"];
        put?: never;
        /**
         * Append an integrator event
         * @description Appends your own event to the tenant's chain, after every event committed before it. The actor is the token's subject, never the body. Actions starting with `session.`, `task.`, `approval.` or `tenant.` are written by the server only: 422 `reserved_action`.
         *
         *     Requires scope `audit:write`.
         */
        post: operations["createAuditEvent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the hash chain
         * @description Recomputes `hash = sha256(prev_hash || canonical JSON of the event)` for every event of the range, in order, from one snapshot, and checks each link and that no seq is missing. Reports the first break. After a retention purge, the retained chain is verified from the recorded hash of the last purged event (`retained_from_seq`). Runs in constant memory, at about 40,000 events per second on two cores.
         *
         *     Requires scope `audit:read`.
         *
         *     Requires scope `audit:read`.
         */
        get: operations["verifyAuditChain"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export audit events (NDJSON)
         * @description Streams every matching event, oldest first, one JSON object per line (the list item schema), from one consistent snapshot: events committed after the export started are not in it. Same filters as the list, plus an inclusive `from_seq`/`to_seq` range. Constant server memory at any size; the server reads ahead only as fast as the client reads. A response cut short (connection closed without the final chunk) is incomplete: retry with `from_seq` after the last line received.
         *
         *     Requires scope `audit:read`.
         *
         *     Requires scope `audit:read`.
         */
        get: operations["exportAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/audit-events/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stream new audit events (Server-Sent Events)
         * @description A `text/event-stream` of the tenant's events as they are committed, in chain order: `id:` is the event's seq, `event:` is `audit_event`, `data:` the event as in the list. Without `Last-Event-ID` (or `after_seq`) the stream starts with the next event; with it, the events after that seq are sent first, then new ones, without gaps or duplicates, so a client that reconnects (EventSource does so by itself) misses nothing. A `: heartbeat` comment is sent every 15 s (AUDIT_STREAM_HEARTBEAT_SECONDS) to keep proxies from closing an idle stream. A client that falls more than about 1 MiB behind is disconnected and catches up on reconnection.
         *
         *     Requires scope `audit:read`.
         *
         *     Requires scope `audit:read`.
         */
        get: operations["streamAuditEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /**
         * @description RFC 9457 problem details. Extension members depend on the code (e.g. allowed_transitions).
         * @example {
         *       "type": "urn:problem:switchboard:invalid_transition",
         *       "title": "Invalid state transition",
         *       "status": 409,
         *       "detail": "cannot move from completed to active",
         *       "code": "invalid_transition",
         *       "request_id": "0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11",
         *       "current_status": "completed",
         *       "allowed_transitions": []
         *     }
         */
        Problem: {
            /** @description URI identifying the problem type: urn:problem:switchboard:<code>. */
            type: string;
            title: string;
            status: number;
            detail?: string;
            /**
             * @description Stable, machine-readable error code.
             * @enum {string}
             */
            code: "validation_failed" | "invalid_json" | "invalid_cursor" | "unauthenticated" | "invalid_token" | "insufficient_scope" | "tenant_required" | "tenant_unknown" | "tenant_disabled" | "self_approval_forbidden" | "not_found" | "route_not_found" | "invalid_transition" | "already_exists" | "idempotency_key_in_use" | "idempotency_response_lost" | "session_not_active" | "lease_not_held" | "approval_expired" | "version_mismatch" | "payload_too_large" | "headers_too_large" | "unsupported_media_type" | "idempotency_key_reused" | "invalid_reference" | "reserved_action" | "rate_limited" | "internal_error" | "database_unavailable" | "shutting_down";
            /** @description The X-Request-Id of the request, for support and logs. */
            request_id: string;
            /** @description Every offending field, for validation errors. */
            errors?: {
                path: string;
                message: string;
            }[];
        } & {
            [key: string]: unknown;
        };
        SweepStatus: {
            /** @description session_expiry, approval_expiry, lease_expiry, idempotency_key_purge, task_key_release, or audit_retention (only with AUDIT_RETENTION_DAYS). */
            name: string;
            /** @description A run is in progress now. */
            running: boolean;
            /** @description Start of the last finished run; null before the first. */
            started_at: string | null;
            finished_at: string | null;
            duration_ms: number | null;
            /** @description Rows the last run changed or deleted. */
            changed: number | null;
            /** @description Why the last run failed; null when it succeeded. */
            error: string | null;
            /** @description Failed runs in a row; 0 after a success. */
            consecutive_failures: number;
            /** @description When this process runs the sweep next (sooner while more is due; later, backing off, after a failure); null when its scheduler is not running. */
            next_run_at: string | null;
        };
        /**
         * @description The scheduler of the server process that answered: every process runs its own, so behind a load balancer each request may show another one.
         * @example {
         *       "enabled": true,
         *       "interval_seconds": 60,
         *       "batch_size": 200,
         *       "sweeps": [
         *         {
         *           "name": "session_expiry",
         *           "running": false,
         *           "started_at": "2026-11-23T16:37:42.101Z",
         *           "finished_at": "2026-11-23T16:37:42.295Z",
         *           "duration_ms": 194,
         *           "changed": 200,
         *           "error": null,
         *           "consecutive_failures": 0,
         *           "next_run_at": "2026-11-23T16:38:41.640Z"
         *         }
         *       ]
         *     }
         */
        SchedulerStatus: {
            /** @description SCHEDULER_ENABLED of the process that answered. */
            enabled: boolean;
            /** @description The mean wait between runs (SCHEDULER_INTERVAL_SECONDS). */
            interval_seconds: number;
            /** @description Rows per batch (SCHEDULER_BATCH_SIZE). */
            batch_size: number;
            sweeps: components["schemas"]["SweepStatus"][];
        };
        /**
         * @description This process's sweeps. Informational: a failing sweep does not make the server unready (readiness is about the database), it backs off and retries; see GET /v1/admin/scheduler for the errors.
         * @example {
         *       "enabled": true,
         *       "sweeps": [
         *         {
         *           "name": "session_expiry",
         *           "last_run_at": "2026-11-23T16:37:42.295Z",
         *           "ok": true,
         *           "changed": 200,
         *           "consecutive_failures": 0,
         *           "next_run_at": "2026-11-23T16:38:41.640Z"
         *         }
         *       ]
         *     }
         */
        SchedulerHealth: {
            enabled: boolean;
            sweeps: {
                /** @description session_expiry, approval_expiry, lease_expiry, idempotency_key_purge, task_key_release, or audit_retention (only with AUDIT_RETENTION_DAYS). */
                name: string;
                /** @description End of the last run; null before the first. */
                last_run_at: string | null;
                /** @description Whether the last run succeeded; null before the first. */
                ok: boolean | null;
                changed: number | null;
                consecutive_failures: number;
                /** @description When this process runs the sweep next (sooner while more is due; later, backing off, after a failure); null when its scheduler is not running. */
                next_run_at: string | null;
            }[];
        };
        /**
         * @example {
         *       "status": "ok"
         *     }
         */
        Health: {
            /** @constant */
            status: "ok";
        };
        /**
         * @example {
         *       "status": "ready",
         *       "checks": {
         *         "database": "ok",
         *         "migrations": "ok",
         *         "shutting_down": false
         *       }
         *     }
         * @example {
         *       "status": "unavailable",
         *       "checks": {
         *         "database": "unreachable",
         *         "migrations": "not_checked",
         *         "shutting_down": false
         *       }
         *     }
         */
        Readiness: {
            /** @enum {string} */
            status: "ready" | "unavailable";
            checks: {
                /** @enum {string} */
                database: "ok" | "unreachable" | "not_checked";
                /** @enum {string} */
                migrations: "ok" | "pending" | "not_checked";
                shutting_down: boolean;
            };
            scheduler?: components["schemas"]["SchedulerHealth"];
        };
        /**
         * @example {
         *       "seq": 2,
         *       "id": "0193b6c2-9b00-7000-8000-0000000000a2",
         *       "occurred_at": "2026-11-23T12:00:01.000Z",
         *       "actor": {
         *         "type": "user",
         *         "id": "alice"
         *       },
         *       "action": "session.status_changed",
         *       "resource_type": "session",
         *       "resource_id": "0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11",
         *       "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
         *       "request_id": "req-42",
         *       "data": {
         *         "from": "pending",
         *         "to": "active"
         *       },
         *       "prev_hash": "c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2",
         *       "hash": "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730"
         *     }
         */
        AuditEvent: {
            /** @description Position in the tenant's chain: gapless, strictly increasing in commit order. */
            seq: number;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            occurred_at: string;
            actor: {
                /** @enum {string} */
                type: "user" | "service" | "system";
                id: string;
            };
            /** @description What happened, e.g. session.created, session.status_changed. */
            action: string;
            resource_type: string;
            resource_id: string;
            /** @description W3C trace id of the request that caused the change. */
            trace_id: string;
            request_id: string | null;
            /** @description Details: {from, to} for transitions, changed fields for updates. */
            data: {
                [key: string]: unknown;
            };
            /** @description hash of the previous event (64 zeros before the first). */
            prev_hash: string;
            /** @description sha256(prev_hash || canonical JSON of the event), hex. */
            hash: string;
        };
        /**
         * @example {
         *       "ok": false,
         *       "checked": 42,
         *       "from_seq": 1,
         *       "to_seq": 1000,
         *       "head_seq": 1000,
         *       "purged_through_seq": 0,
         *       "retained_from_seq": 1,
         *       "first_break": {
         *         "seq": 42,
         *         "reason": "hash_mismatch",
         *         "expected_hash": "9f2c1e0d4b7a6c5d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d",
         *         "actual_hash": "7d865e959b2466918c9863afca942d0fb89d7c9ac0c99bafc3749504ded97730"
         *       }
         *     }
         */
        AuditVerification: {
            /** @description True when every event of the range matches its hash and its link. */
            ok: boolean;
            /** @description Events recomputed (up to and including the first break). */
            checked: number;
            /** @description The first seq checked: from_seq, or where the retained chain starts. */
            from_seq: number;
            /** @description The last seq of the range: to_seq, capped at the head. */
            to_seq: number;
            /** @description The seq of the newest event of the chain. */
            head_seq: number;
            /** @description Events up to this seq were removed by the retention purge (0: none). */
            purged_through_seq: number;
            /** @description Where the retained chain starts; it is verified from the recorded hash of the last purged event. */
            retained_from_seq: number;
            /** @description The first break, when ok is false. */
            first_break?: {
                seq: number;
                /**
                 * @description hash_mismatch: the content does not match the stored hash; prev_hash_mismatch: the link to the previous event is broken; missing_event: a seq is absent; head_mismatch: the chain head does not match the last event.
                 * @enum {string}
                 */
                reason: "hash_mismatch" | "prev_hash_mismatch" | "missing_event" | "head_mismatch";
                /** @description The recomputed hash (or the previous event's hash, or the head's); null for a missing event. */
                expected_hash: string | null;
                /** @description The stored value; null for a missing event. */
                actual_hash: string | null;
            };
        };
        /**
         * @example {
         *       "action": "deploy.started",
         *       "resource_type": "deployment",
         *       "resource_id": "dep-981",
         *       "data": {
         *         "env": "prod"
         *       }
         *     }
         */
        CreateAuditEvent: {
            /** @description What happened. The prefixes session., task., approval. and tenant. are reserved for the server (422 reserved_action). */
            action: string;
            /** @description The kind of thing the event is about, e.g. deployment. */
            resource_type: string;
            /** @description Its id in your system. */
            resource_id: string;
            /** @description Details, a JSON object (at most 16 KiB). */
            data?: {
                [key: string]: unknown;
            };
        };
        AuditEventPage: {
            data: components["schemas"]["AuditEvent"][];
            page_size: number;
            /** @description Present in page mode. */
            page?: number;
            /** @description Present in page mode: items matching the filters, counted up to 10,000 past the start of the page. When more match, `total` is that bound and `total_capped` is true. To walk large lists, use `cursor`: its cost does not grow with depth. */
            total?: number;
            /** @description Present in page mode: true when more items match than were counted, so that `total` is a lower bound. */
            total_capped?: boolean;
            /** @description Cursor of the next page; null on the last page (and in page mode). */
            next_cursor: string | null;
        };
        /**
         * @example {
         *       "id": "0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11",
         *       "agent_role": "planner",
         *       "status": "active",
         *       "task_id": null,
         *       "metadata": {
         *         "model": "gpt-5",
         *         "run": 7
         *       },
         *       "status_reason": null,
         *       "version": 2,
         *       "created_at": "2026-11-23T12:00:00.000Z",
         *       "updated_at": "2026-11-23T12:00:01.000Z",
         *       "started_at": "2026-11-23T12:00:01.000Z",
         *       "ended_at": null,
         *       "expires_at": "2026-11-30T12:00:00.000Z"
         *     }
         */
        Session: {
            /** Format: uuid */
            id: string;
            agent_role: string;
            /**
             * @description pending -> active -> completed | failed | expired; pending -> expired.
             * @enum {string}
             */
            status: "pending" | "active" | "completed" | "failed" | "expired";
            task_id: string | null;
            metadata: {
                [key: string]: unknown;
            };
            status_reason: string | null;
            /** @description Increments on every change; the ETag is its quoted value. */
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            started_at: string | null;
            ended_at: string | null;
            /**
             * Format: date-time
             * @description When the scheduler expires the session if it is still pending or active.
             */
            expires_at: string;
        };
        /**
         * @example {
         *       "agent_role": "planner",
         *       "metadata": {
         *         "model": "gpt-5"
         *       },
         *       "ttl_seconds": 3600
         *     }
         */
        CreateSession: {
            /** @description The agent role this session works as, e.g. planner. */
            agent_role: string;
            /**
             * Format: uuid
             * @description A task of your tenant this session works on.
             */
            task_id?: string;
            /** @description Free-form JSON object. */
            metadata?: {
                [key: string]: unknown;
            };
            /** @description Lifetime; capped by the tenant's session retention (default 7 days). */
            ttl_seconds?: number;
        };
        /**
         * @example {
         *       "metadata": {
         *         "step": "review",
         *         "draft": null
         *       }
         *     }
         * @example {
         *       "status": "completed",
         *       "status_reason": "done"
         *     }
         */
        UpdateSession: {
            /**
             * @description A new status; the change must be allowed by the lifecycle (409 otherwise).
             * @enum {string}
             */
            status?: "pending" | "active" | "completed" | "failed" | "expired";
            /** @description Set, or null to clear. */
            task_id?: string | null;
            /** @description Merged into the metadata; a key set to null is removed. */
            metadata?: {
                [key: string]: unknown;
            };
            status_reason?: string | null;
        };
        SessionPage: {
            data: components["schemas"]["Session"][];
            page_size: number;
            /** @description Present in page mode. */
            page?: number;
            /** @description Present in page mode: items matching the filters, counted up to 10,000 past the start of the page. When more match, `total` is that bound and `total_capped` is true. To walk large lists, use `cursor`: its cost does not grow with depth. */
            total?: number;
            /** @description Present in page mode: true when more items match than were counted, so that `total` is a lower bound. */
            total_capped?: boolean;
            /** @description Cursor of the next page; null on the last page (and in page mode). */
            next_cursor: string | null;
        };
        /**
         * @example {
         *       "id": "0193b6c3-1f00-7a2b-8c3d-4e5f60718293",
         *       "type": "summarize",
         *       "to_agent_role": "writer",
         *       "from_session_id": "0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11",
         *       "input": {
         *         "url": "https://example.com/report.pdf"
         *       },
         *       "output": null,
         *       "error": null,
         *       "status": "running",
         *       "priority": 10,
         *       "idempotency_key": "report-2026-11-23",
         *       "trace_id": "4bf92f3577b34da6a3ce929d0e0e4736",
         *       "attempts": 1,
         *       "max_attempts": 3,
         *       "claimed_by_session_id": "0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718",
         *       "lease_expires_at": "2026-11-23T12:05:02.000Z",
         *       "run_after": "2026-11-23T12:00:00.000Z",
         *       "requires_approval": false,
         *       "status_reason": null,
         *       "version": 2,
         *       "created_at": "2026-11-23T12:00:00.000Z",
         *       "updated_at": "2026-11-23T12:00:02.000Z",
         *       "completed_at": null
         *     }
         */
        Task: {
            /** Format: uuid */
            id: string;
            type: string;
            /** @description The agent role that claims this task. */
            to_agent_role: string;
            /** @description The session that created the task, if any. */
            from_session_id: string | null;
            input: {
                [key: string]: unknown;
            };
            /** @description Set by complete. */
            output: {
                [key: string]: unknown;
            } | null;
            /** @description The error of the last failed attempt. */
            error: {
                [key: string]: unknown;
            } | null;
            /**
             * @description pending -> running -> completed | failed | pending (retry) | waiting_approval; waiting_approval -> pending | cancelled; pending, running and waiting_approval can be cancelled.
             * @enum {string}
             */
            status: "pending" | "running" | "waiting_approval" | "completed" | "failed" | "cancelled";
            /** @description Higher is claimed first; ties go to the oldest. */
            priority: number;
            idempotency_key: string | null;
            /** @description W3C trace id of the request that created the task. */
            trace_id: string;
            /** @description How many times the task was claimed. */
            attempts: number;
            max_attempts: number;
            /** @description The session holding (or last holding) the task; cleared when it is queued again. */
            claimed_by_session_id: string | null;
            /** @description While running: when the lease ends unless renewed by heartbeat; the scheduler then requeues or fails the task. */
            lease_expires_at: string | null;
            /**
             * Format: date-time
             * @description The task is not claimable before this time (retries back off here).
             */
            run_after: string;
            requires_approval: boolean;
            status_reason: string | null;
            /** @description Increments on every change; the ETag is its quoted value. */
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** @description When the task reached completed, failed or cancelled. */
            completed_at: string | null;
        };
        /**
         * @example {
         *       "type": "summarize",
         *       "to_agent_role": "writer",
         *       "input": {
         *         "url": "https://example.com/report.pdf"
         *       },
         *       "priority": 10,
         *       "idempotency_key": "report-2026-11-23"
         *     }
         * @example {
         *       "type": "deploy",
         *       "to_agent_role": "operator",
         *       "requires_approval": true,
         *       "approval": {
         *         "title": "Deploy build 512 to production",
         *         "details": {
         *           "build": 512
         *         }
         *       }
         *     }
         */
        CreateTask: {
            /** @description What kind of work this is, e.g. summarize or code.review. */
            type: string;
            /** @description The agent role that should do the work. */
            to_agent_role: string;
            /** @description Free-form JSON object handed to the worker. */
            input?: {
                [key: string]: unknown;
            };
            /** @description Default 0. */
            priority?: number;
            /** @description Deduplicates creates: while a live task of your tenant has this key (for IDEMPOTENCY_TTL_SECONDS after its creation), that task is returned with 200 and Idempotent-Replayed: true instead of a new one. */
            idempotency_key?: string;
            /** @description Claims allowed before a failure is final; default TASK_MAX_ATTEMPTS (3). */
            max_attempts?: number;
            /**
             * Format: date-time
             * @description Not claimable before this time; default now.
             */
            run_after?: string;
            /** @description Create the task in waiting_approval, together with its approval request. */
            requires_approval?: boolean;
            /** @description The approval request made with requires_approval (title defaults to "Approve <type>"). */
            approval?: {
                /** @description What the human is asked to decide. */
                title?: string;
                /** @description Anything the decider needs to see (free-form JSON object). */
                details?: {
                    [key: string]: unknown;
                };
                /** @description How long the request stays open; default: the tenant setting approval_ttl_seconds, else APPROVAL_TTL_SECONDS (1 day). */
                ttl_seconds?: number;
            };
            /**
             * Format: uuid
             * @description A session of your tenant that creates the task.
             */
            from_session_id?: string;
        };
        /**
         * @example {
         *       "agent_role": "writer",
         *       "session_id": "0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718"
         *     }
         */
        ClaimTask: {
            /** @description Claim a task routed to this role. */
            agent_role: string;
            /**
             * Format: uuid
             * @description Your session: active, of your tenant. It holds the lease.
             */
            session_id: string;
            /** @description Lease length; default: the tenant setting task_lease_seconds, else TASK_LEASE_SECONDS (300). */
            lease_seconds?: number;
        };
        /**
         * @example {
         *       "session_id": "0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718",
         *       "lease_seconds": 300
         *     }
         */
        TaskHeartbeat: {
            /**
             * Format: uuid
             * @description The session that claimed the task and holds its lease.
             */
            session_id: string;
            /** @description Lease length; default: the tenant setting task_lease_seconds, else TASK_LEASE_SECONDS (300). */
            lease_seconds?: number;
        };
        /**
         * @example {
         *       "session_id": "0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718",
         *       "output": {
         *         "summary": "All good."
         *       }
         *     }
         */
        CompleteTask: {
            /**
             * Format: uuid
             * @description The session that claimed the task and holds its lease.
             */
            session_id: string;
            /** @description The result (free-form JSON object). */
            output?: {
                [key: string]: unknown;
            };
        };
        /**
         * @example {
         *       "session_id": "0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718",
         *       "error": {
         *         "message": "upstream timed out"
         *       }
         *     }
         * @example {
         *       "session_id": "0193b6c2-9f10-7d3e-a1b2-c3d4e5f60718",
         *       "error": "input is malformed",
         *       "retry": false
         *     }
         */
        FailTask: {
            /**
             * Format: uuid
             * @description The session that claimed the task and holds its lease.
             */
            session_id: string;
            /** @description What went wrong: a JSON object, or a message (stored as {"message": ...}). */
            error: {
                [key: string]: unknown;
            } | string;
            /** @description false makes the failure final. Otherwise, while attempts remain, the task returns to pending with an exponential, jittered run_after. */
            retry?: boolean;
        };
        /**
         * @example {
         *       "title": "Send the refund of $120?",
         *       "details": {
         *         "order": "A-1042"
         *       },
         *       "ttl_seconds": 3600
         *     }
         */
        RequestApproval: {
            /** @description What the human is asked to decide. */
            title: string;
            /** @description Anything the decider needs to see (free-form JSON object). */
            details?: {
                [key: string]: unknown;
            };
            /** @description How long the request stays open; default: the tenant setting approval_ttl_seconds, else APPROVAL_TTL_SECONDS (1 day). */
            ttl_seconds?: number;
            /**
             * Format: uuid
             * @description If given, it must hold the lease (409 lease_not_held otherwise).
             */
            session_id?: string;
        };
        TaskPage: {
            data: components["schemas"]["Task"][];
            page_size: number;
            /** @description Present in page mode. */
            page?: number;
            /** @description Present in page mode: items matching the filters, counted up to 10,000 past the start of the page. When more match, `total` is that bound and `total_capped` is true. To walk large lists, use `cursor`: its cost does not grow with depth. */
            total?: number;
            /** @description Present in page mode: true when more items match than were counted, so that `total` is a lower bound. */
            total_capped?: boolean;
            /** @description Cursor of the next page; null on the last page (and in page mode). */
            next_cursor: string | null;
        };
        /** @description The task an approval gates. */
        TaskSummary: {
            /** Format: uuid */
            id: string;
            type: string;
            to_agent_role: string;
            /**
             * @description pending -> running -> completed | failed | pending (retry) | waiting_approval; waiting_approval -> pending | cancelled; pending, running and waiting_approval can be cancelled.
             * @enum {string}
             */
            status: "pending" | "running" | "waiting_approval" | "completed" | "failed" | "cancelled";
            priority: number;
            /** Format: date-time */
            created_at: string;
        };
        /**
         * @example {
         *       "id": "0193b6c4-2a10-7b3c-9d4e-5f60718293a4",
         *       "task_id": "0193b6c3-1f00-7a2b-8c3d-4e5f60718293",
         *       "status": "pending",
         *       "title": "Deploy build 512 to production",
         *       "details": {
         *         "build": 512
         *       },
         *       "requested_by": "ci-bot",
         *       "decided_by": null,
         *       "decided_at": null,
         *       "comment": null,
         *       "expires_at": "2026-11-24T12:00:00.000Z",
         *       "version": 1,
         *       "created_at": "2026-11-23T12:00:00.000Z",
         *       "updated_at": "2026-11-23T12:00:00.000Z",
         *       "task": {
         *         "id": "0193b6c3-1f00-7a2b-8c3d-4e5f60718293",
         *         "type": "deploy",
         *         "to_agent_role": "operator",
         *         "status": "waiting_approval",
         *         "priority": 0,
         *         "created_at": "2026-11-23T12:00:00.000Z"
         *       }
         *     }
         */
        Approval: {
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            task_id: string;
            /**
             * @description pending -> approved | rejected | expired | cancelled; decided once.
             * @enum {string}
             */
            status: "pending" | "approved" | "rejected" | "expired" | "cancelled";
            title: string;
            details: {
                [key: string]: unknown;
            };
            /** @description The actor (token sub) who asked; they can never decide it. */
            requested_by: string;
            decided_by: string | null;
            decided_at: string | null;
            /** @description The decider's comment. */
            comment: string | null;
            /**
             * Format: date-time
             * @description A pending approval expires then, and its task is cancelled.
             */
            expires_at: string;
            /** @description Increments on every change; the ETag is its quoted value. */
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            task: components["schemas"]["TaskSummary"];
        };
        /**
         * @example {
         *       "task_id": "0193b6c3-1f00-7a2b-8c3d-4e5f60718293",
         *       "title": "Send the refund of $120?",
         *       "details": {
         *         "order": "A-1042"
         *       }
         *     }
         */
        CreateApproval: {
            /**
             * Format: uuid
             * @description A running task of your tenant; it waits in waiting_approval until decided.
             */
            task_id: string;
            /** @description What the human is asked to decide. */
            title: string;
            /** @description Anything the decider needs to see (free-form JSON object). */
            details?: {
                [key: string]: unknown;
            };
            /** @description How long the request stays open; default: the tenant setting approval_ttl_seconds, else APPROVAL_TTL_SECONDS (1 day). */
            ttl_seconds?: number;
        };
        /**
         * @example {
         *       "comment": "Looks right."
         *     }
         */
        DecideApproval: {
            /** @description Why; stored and audited. */
            comment?: string;
        } | null;
        ApprovalPage: {
            data: components["schemas"]["Approval"][];
            page_size: number;
            /** @description Present in page mode. */
            page?: number;
            /** @description Present in page mode: items matching the filters, counted up to 10,000 past the start of the page. When more match, `total` is that bound and `total_capped` is true. To walk large lists, use `cursor`: its cost does not grow with depth. */
            total?: number;
            /** @description Present in page mode: true when more items match than were counted, so that `total` is a lower bound. */
            total_capped?: boolean;
            /** @description Cursor of the next page; null on the last page (and in page mode). */
            next_cursor: string | null;
        };
        /**
         * @example {
         *       "session_id": "0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11",
         *       "agent_role": "planner",
         *       "state": "active",
         *       "task_id": null,
         *       "metadata": {
         *         "model": "gpt-5",
         *         "run": 7
         *       },
         *       "created_at": "2026-11-23T12:00:00.000Z",
         *       "updated_at": "2026-11-23T12:00:01.000Z",
         *       "expires_at": "2026-11-30T12:00:00.000Z"
         *     }
         */
        LegacySession: {
            /** Format: uuid */
            session_id: string;
            agent_role: string;
            /**
             * @description The session status.
             * @enum {string}
             */
            state: "pending" | "active" | "completed" | "failed" | "expired";
            task_id: string | null;
            metadata: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
            /** Format: date-time */
            expires_at: string;
        };
        LegacyUpdateSession: {
            /**
             * @description A new status, through the lifecycle.
             * @enum {string}
             */
            state?: "pending" | "active" | "completed" | "failed" | "expired";
            task_id?: string | null;
            /** @description Merged; a key set to null is removed. */
            metadata?: {
                [key: string]: unknown;
            };
            status_reason?: string | null;
        };
        TenantSettings: {
            /** @description Overrides SESSION_RETENTION_DAYS. */
            session_retention_days?: number;
            /** @description Overrides APPROVAL_TTL_SECONDS. */
            approval_ttl_seconds?: number;
            /** @description Overrides TASK_LEASE_SECONDS. */
            task_lease_seconds?: number;
        };
        /**
         * @example {
         *       "id": "acme",
         *       "name": "Acme Corp",
         *       "settings": {
         *         "session_retention_days": 30
         *       },
         *       "disabled": false,
         *       "disabled_at": null,
         *       "version": 1,
         *       "created_at": "2026-11-23T12:00:00.000Z",
         *       "updated_at": "2026-11-23T12:00:00.000Z"
         *     }
         */
        Tenant: {
            /** @description Tenant id: lowercase letters, digits, _ and -, up to 63 characters. */
            id: string;
            name: string;
            settings: components["schemas"]["TenantSettings"];
            disabled: boolean;
            disabled_at: string | null;
            version: number;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            updated_at: string;
        };
        /**
         * @example {
         *       "settings": {
         *         "session_retention_days": 14
         *       }
         *     }
         * @example {
         *       "disabled": true
         *     }
         */
        UpdateTenant: {
            name?: string;
            /** @description Merged into the settings; a setting set to null returns to the server default. */
            settings?: {
                session_retention_days?: number | null;
                approval_ttl_seconds?: number | null;
                task_lease_seconds?: number | null;
            };
            /** @description A disabled tenant's requests get 403 tenant_disabled. */
            disabled?: boolean;
        };
        TenantPage: {
            data: components["schemas"]["Tenant"][];
            page_size: number;
            /** @description Present in page mode. */
            page?: number;
            /** @description Present in page mode: items matching the filters, counted up to 10,000 past the start of the page. When more match, `total` is that bound and `total_capped` is true. To walk large lists, use `cursor`: its cost does not grow with depth. */
            total?: number;
            /** @description Present in page mode: true when more items match than were counted, so that `total` is a lower bound. */
            total_capped?: boolean;
            /** @description Cursor of the next page; null on the last page (and in page mode). */
            next_cursor: string | null;
        };
        /**
         * @example {
         *       "session_id": "0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11",
         *       "status": "pending"
         *     }
         */
        LegacyCreatedSession: {
            /** Format: uuid */
            session_id: string;
            /**
             * @description pending -> active -> completed | failed | expired; pending -> expired.
             * @enum {string}
             */
            status: "pending" | "active" | "completed" | "failed" | "expired";
        };
        /**
         * @example {
         *       "sessions": [
         *         {
         *           "session_id": "0193b6c2-8a41-7c55-9d1e-4f7a2b9c0d11",
         *           "agent_role": "planner",
         *           "state": "active",
         *           "task_id": null,
         *           "metadata": {
         *             "model": "gpt-5",
         *             "run": 7
         *           },
         *           "created_at": "2026-11-23T12:00:00.000Z",
         *           "updated_at": "2026-11-23T12:00:01.000Z",
         *           "expires_at": "2026-11-30T12:00:00.000Z"
         *         }
         *       ],
         *       "total": 1,
         *       "page": 1,
         *       "page_size": 20
         *     }
         */
        LegacySessionPage: {
            sessions: components["schemas"]["LegacySession"][];
            total: number;
            page: number;
            page_size: number;
        };
        /**
         * @example {
         *       "id": "acme",
         *       "name": "Acme Corp",
         *       "settings": {
         *         "session_retention_days": 30
         *       }
         *     }
         */
        CreateTenant: {
            /** @description Tenant id: lowercase letters, digits, _ and -, up to 63 characters. */
            id: string;
            name: string;
            settings?: components["schemas"]["TenantSettings"];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    healthz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
        };
    };
    readyz: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
            /** @description Default Response */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Readiness"];
                };
            };
        };
    };
    getSchedulerStatus: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SchedulerStatus"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTenants: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100. */
                page_size?: number;
                /** @description 1-based page number (offset pagination; the response carries `page` and `total`). Not with `cursor`. A page costs a scan of every row before it, so deep pages get slower; `cursor` pages cost the same at any depth and are the way to walk a large list. */
                page?: number;
                /** @description Opaque cursor from a previous response's `next_cursor` (keyset pagination). Not with `page`. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantPage"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTenant: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenant"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTenant: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Tenant id: lowercase letters, digits, _ and -, up to 63 characters. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateTenant: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
            };
            path: {
                /** @description Tenant id: lowercase letters, digits, _ and -, up to 63 characters. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenant"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Tenant"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listSessions: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100. */
                page_size?: number;
                /** @description 1-based page number (offset pagination; the response carries `page` and `total`). Not with `cursor`. A page costs a scan of every row before it, so deep pages get slower; `cursor` pages cost the same at any depth and are the way to walk a large list. */
                page?: number;
                /** @description Opaque cursor from a previous response's `next_cursor` (keyset pagination). Not with `page`. */
                cursor?: string;
                /** @description pending -> active -> completed | failed | expired; pending -> expired. */
                status?: "pending" | "active" | "completed" | "failed" | "expired";
                /** @description The agent role this session works as, e.g. planner. */
                agent_role?: string;
                task_id?: string;
                /** @description Only sessions created at or after this time. */
                created_after?: string;
                /** @description Only sessions created before this time. */
                created_before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionPage"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSession"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    replaceSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSession"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    updateSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSession"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    activateSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why; stored as status_reason and in the audit event. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why; stored as status_reason and in the audit event. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    failSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why; stored as status_reason and in the audit event. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    expireSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why; stored as status_reason and in the audit event. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Session"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    legacyListSessions: {
        parameters: {
            query?: {
                page?: number;
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacySessionPage"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    legacyCreateSession: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSession"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacyCreatedSession"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    legacyGetSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacySession"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    legacyUpdateSession: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LegacyUpdateSession"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LegacySession"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listTasks: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100. */
                page_size?: number;
                /** @description 1-based page number (offset pagination; the response carries `page` and `total`). Not with `cursor`. A page costs a scan of every row before it, so deep pages get slower; `cursor` pages cost the same at any depth and are the way to walk a large list. */
                page?: number;
                /** @description Opaque cursor from a previous response's `next_cursor` (keyset pagination). Not with `page`. */
                cursor?: string;
                /** @description pending -> running -> completed | failed | pending (retry) | waiting_approval; waiting_approval -> pending | cancelled; pending, running and waiting_approval can be cancelled. */
                status?: "pending" | "running" | "waiting_approval" | "completed" | "failed" | "cancelled";
                /** @description The agent role this session works as, e.g. planner. */
                to_agent_role?: string;
                trace_id?: string;
                idempotency_key?: string;
                claimed_by_session_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTask"];
            };
        };
        responses: {
            /** @description An existing live task with this idempotency_key. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getTask: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    claimTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ClaimTask"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Nothing is claimable for this role right now. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    heartbeatTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TaskHeartbeat"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    completeTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompleteTask"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    failTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FailTask"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    cancelTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": {
                    /** @description Why; stored as status_reason and in the audit event. */
                    reason?: string;
                };
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Task"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    requestTaskApproval: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestApproval"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listApprovals: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100. */
                page_size?: number;
                /** @description 1-based page number (offset pagination; the response carries `page` and `total`). Not with `cursor`. A page costs a scan of every row before it, so deep pages get slower; `cursor` pages cost the same at any depth and are the way to walk a large list. */
                page?: number;
                /** @description Opaque cursor from a previous response's `next_cursor` (keyset pagination). Not with `page`. */
                cursor?: string;
                /** @description status=pending is the pending-approvals view. */
                status?: "pending" | "approved" | "rejected" | "expired" | "cancelled";
                task_id?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovalPage"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createApproval: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApproval"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    getApproval: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    approveApproval: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideApproval"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    rejectApproval: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read (e.g. "3"); the change fails with 412 if it moved on. */
                "if-match"?: string;
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path: {
                /** @description Resource id (UUIDv7). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideApproval"];
            };
        };
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Approval"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such resource in the caller's tenant. Codes: `not_found`, `route_not_found`. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description If-Match does not match the current version. Codes: `version_mismatch`. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    listAuditEvents: {
        parameters: {
            query?: {
                /** @description Items per page, 1 to 100. */
                page_size?: number;
                /** @description 1-based page number (offset pagination; the response carries `page` and `total`). Not with `cursor`. A page costs a scan of every row before it, so deep pages get slower; `cursor` pages cost the same at any depth and are the way to walk a large list. */
                page?: number;
                /** @description Opaque cursor from a previous response's `next_cursor` (keyset pagination). Not with `page`. */
                cursor?: string;
                resource_type?: string;
                resource_id?: string;
                action?: string;
                actor_id?: string;
                trace_id?: string;
                /** @description Only events with a greater seq. */
                after_seq?: number;
                /** @description Only events at or after this time. To follow the log, use `after_seq` or the cursor: their cost does not grow with the log, while a time filter in a large log can read many events to fill a page. */
                occurred_after?: string;
                /** @description Only events before this time. */
                occurred_before?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEventPage"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    createAuditEvent: {
        parameters: {
            query?: never;
            header?: {
                /** @description Makes the POST safe to retry: the same key and body within IDEMPOTENCY_TTL_SECONDS replays the first response (Idempotent-Replayed: true); another body gives 422; while the first is in flight, 409. */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAuditEvent"];
            };
        };
        responses: {
            /** @description Created. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditEvent"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Conflict with the resource's state (e.g. invalid_transition) or an idempotency key in use. Codes: `invalid_transition`, `already_exists`, `idempotency_key_in_use`, `idempotency_response_lost`, `session_not_active`, `lease_not_held`, `approval_expired`. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Body too large. Codes: `payload_too_large`. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unsupported Content-Type (send application/json). Codes: `unsupported_media_type`. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Idempotency-Key reused with a different request, a reference to a missing resource, or a reserved audit action. Codes: `idempotency_key_reused`, `invalid_reference`, `reserved_action`. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    verifyAuditChain: {
        parameters: {
            query?: {
                /** @description First seq of the range (inclusive); default: the first retained event. */
                from_seq?: number;
                /** @description Last seq of the range (inclusive); default: the head of the chain. */
                to_seq?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    exportAuditEvents: {
        parameters: {
            query?: {
                resource_type?: string;
                resource_id?: string;
                action?: string;
                actor_id?: string;
                trace_id?: string;
                /** @description Only events with a greater seq. */
                after_seq?: number;
                /** @description Only events at or after this time. To follow the log, use `after_seq` or the cursor: their cost does not grow with the log, while a time filter in a large log can read many events to fill a page. */
                occurred_after?: string;
                /** @description Only events before this time. */
                occurred_before?: string;
                /** @description First seq of the range (inclusive); default: the first retained event. */
                from_seq?: number;
                /** @description Last seq of the range (inclusive); default: the head of the chain. */
                to_seq?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events as NDJSON. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": string;
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
    streamAuditEvents: {
        parameters: {
            query?: {
                /** @description Start after this seq (for clients that cannot send Last-Event-ID). Default: only new events. */
                after_seq?: number;
            };
            header?: {
                /** @description Resume after this seq: the events missed since are sent first (takes precedence over after_seq). */
                "last-event-id"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The event stream; it stays open until the client disconnects. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description Invalid request: every offending field is listed in `errors`. Codes: `validation_failed`, `invalid_json`, `invalid_cursor`. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Missing or invalid bearer token (see WWW-Authenticate). Codes: `unauthenticated`, `invalid_token`. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The token lacks the required scope, its tenant is unknown or disabled, or the caller may not do this (e.g. decide their own approval request). Codes: `insufficient_scope`, `tenant_required`, `tenant_unknown`, `tenant_disabled`, `self_approval_forbidden`. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Rate limited (RATE_LIMIT_PER_MINUTE per tenant); retry after Retry-After seconds. Codes: `rate_limited`. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Request headers too large. Codes: `headers_too_large`. */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Unexpected server error; nothing internal is disclosed. Codes: `internal_error`. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Database unavailable, or the server is shutting down; retry after Retry-After seconds. Codes: `database_unavailable`, `shutting_down`. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
        };
    };
}
