CREATE SEQUENCE "public"."organization_oid_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000000001 CACHE 1;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "oid" bigint DEFAULT nextval('organization_oid_seq') NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "confirmed_only" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "oidc_clients" ADD COLUMN "demo_private_key" "bytea";--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_oid_unique" UNIQUE("oid");