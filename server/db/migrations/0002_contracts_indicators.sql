CREATE TABLE "contract_amendments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"contract_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"note" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contract_broker_totals" (
	"broker_id" uuid NOT NULL,
	"broker_org_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tech_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "contract_broker_totals_broker_id_broker_org_id_zone_id_year_month_pk" PRIMARY KEY("broker_id","broker_org_id","zone_id","year","month")
);
--> statement-breakpoint
CREATE TABLE "contract_buyer_totals" (
	"buyer_credit_code" text NOT NULL,
	"buyer_region_code" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"buyer_name" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tech_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "contract_buyer_totals_buyer_credit_code_buyer_region_code_zone_id_year_month_pk" PRIMARY KEY("buyer_credit_code","buyer_region_code","zone_id","year","month")
);
--> statement-breakpoint
CREATE TABLE "contract_city_transfers" (
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tech_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "contract_city_transfers_city_code_year_month_pk" PRIMARY KEY("city_code","year","month")
);
--> statement-breakpoint
CREATE TABLE "contract_idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"contract_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contract_idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
CREATE TABLE "contract_registrar_totals" (
	"registrar_org_id" uuid NOT NULL,
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tech_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "contract_registrar_totals_registrar_org_id_zone_id_year_month_pk" PRIMARY KEY("registrar_org_id","zone_id","year","month")
);
--> statement-breakpoint
CREATE TABLE "contract_registration_counters" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"last_serial" integer NOT NULL,
	CONSTRAINT "contract_registration_counters_region_code_year_pk" PRIMARY KEY("region_code","year")
);
--> statement-breakpoint
CREATE TABLE "contract_zone_totals" (
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"type" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tech_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "contract_zone_totals_zone_id_year_month_type_pk" PRIMARY KEY("zone_id","year","month","type")
);
--> statement-breakpoint
CREATE TABLE "contracts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"subtype" text NOT NULL,
	"seller_org_id" uuid,
	"seller_name" text NOT NULL,
	"seller_credit_code" text NOT NULL,
	"seller_region_code" text NOT NULL,
	"seller_entity_type" text NOT NULL,
	"buyer_org_id" uuid,
	"buyer_name" text NOT NULL,
	"buyer_credit_code" text NOT NULL,
	"buyer_region_code" text NOT NULL,
	"buyer_entity_type" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"tech_amount" numeric(18, 2) NOT NULL,
	"signed_at" date NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"zone_id" uuid NOT NULL,
	"city_code" text,
	"technical_field" text,
	"payment_terms" text,
	"deal_id" uuid,
	"achievement_id" uuid,
	"demand_id" uuid,
	"broker_id" uuid,
	"broker_org_id" uuid,
	"status" text DEFAULT 'submitted' NOT NULL,
	"registration_number" text,
	"registrar_id" uuid,
	"registrar_org_id" uuid,
	"submitted_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"expert_review_required" boolean DEFAULT false NOT NULL,
	"expert_reviewed_at" timestamp with time zone,
	"expert_reviewed_by" uuid,
	"expert_review_note" text,
	"decision_note" text,
	"decided_at" timestamp with time zone,
	"registered_at" timestamp with time zone,
	"amended_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"created_by_org_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "holidays" (
	"date" date PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"provisional" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "city_targets" (
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"target" integer NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "city_targets_city_code_year_pk" PRIMARY KEY("city_code","year")
);
--> statement-breakpoint
CREATE TABLE "indicator_value_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"value_num" numeric(20, 4),
	"value_text" text,
	"note" text NOT NULL,
	"actor_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "indicator_values" (
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"code" text NOT NULL,
	"value_num" numeric(20, 4),
	"value_text" text,
	"note" text NOT NULL,
	"updated_by" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "indicator_values_zone_id_year_code_pk" PRIMARY KEY("zone_id","year","code")
);
--> statement-breakpoint
CREATE TABLE "subsidy_rules" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"beneficiary_type" text NOT NULL,
	"base" text NOT NULL,
	"rate" numeric(9, 6) NOT NULL,
	"cap" numeric(18, 2),
	"region_code" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"source" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "zone_custom_indicators" (
	"zone_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"description" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zone_custom_indicators_zone_id_code_pk" PRIMARY KEY("zone_id","code")
);
--> statement-breakpoint
CREATE TABLE "zone_reports" (
	"zone_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_by" uuid NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "zone_reports_zone_id_year_pk" PRIMARY KEY("zone_id","year")
);
--> statement-breakpoint
CREATE TABLE "zone_status_history" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"zone_id" uuid NOT NULL,
	"status" text NOT NULL,
	"effective_on" date NOT NULL,
	"note" text,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "contract_amendments" ADD CONSTRAINT "contract_amendments_contract_id_contracts_id_fk" FOREIGN KEY ("contract_id") REFERENCES "public"."contracts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contracts" ADD CONSTRAINT "contracts_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contract_amendments_contract_idx" ON "contract_amendments" USING btree ("contract_id");--> statement-breakpoint
CREATE UNIQUE INDEX "contracts_registration_number_uq" ON "contracts" USING btree ("registration_number");--> statement-breakpoint
CREATE INDEX "contracts_status_due_idx" ON "contracts" USING btree ("status","due_at");--> statement-breakpoint
CREATE INDEX "contracts_zone_signed_idx" ON "contracts" USING btree ("zone_id","signed_at");--> statement-breakpoint
CREATE INDEX "contracts_seller_org_idx" ON "contracts" USING btree ("seller_org_id");--> statement-breakpoint
CREATE INDEX "contracts_buyer_org_idx" ON "contracts" USING btree ("buyer_org_id");--> statement-breakpoint
CREATE INDEX "contracts_creator_org_idx" ON "contracts" USING btree ("created_by_org_id");--> statement-breakpoint
CREATE INDEX "contracts_broker_idx" ON "contracts" USING btree ("broker_id");--> statement-breakpoint
CREATE INDEX "indicator_value_history_idx" ON "indicator_value_history" USING btree ("zone_id","year","code");--> statement-breakpoint
CREATE INDEX "zone_status_history_zone_idx" ON "zone_status_history" USING btree ("zone_id");