ALTER TABLE "audit_heads" ADD COLUMN "purged_through_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "audit_heads" ADD COLUMN "purged_through_hash" text;--> statement-breakpoint
ALTER TABLE "audit_heads" ADD COLUMN "purged_at" timestamp with time zone;