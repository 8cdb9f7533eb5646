CREATE TABLE "commissions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"contract_id" uuid NOT NULL,
	"broker_id" uuid NOT NULL,
	"broker_org_id" uuid NOT NULL,
	"payer_org_id" uuid NOT NULL,
	"basis" text NOT NULL,
	"rate" numeric(8, 6),
	"base_amount" numeric(16, 2) NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"status" text DEFAULT 'due' NOT NULL,
	"invoice_no" text,
	"invoiced_at" timestamp with time zone,
	"paid_at" timestamp with time zone,
	"payer_confirmed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"complainant_id" uuid NOT NULL,
	"complainant_org_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"deal_id" uuid,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credit_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"complaint_id" uuid,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" uuid,
	"lift_reason" text
);
--> statement-breakpoint
CREATE TABLE "deal_members" (
	"deal_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"side" text NOT NULL,
	"last_read_seq" integer DEFAULT 0 NOT NULL,
	"undertaking_at" timestamp with time zone,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_members_deal_id_user_id_pk" PRIMARY KEY("deal_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "deal_messages" (
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"sender_id" uuid,
	"sender_side" text,
	"kind" text NOT NULL,
	"body" text,
	"offer_id" uuid,
	"offer" jsonb,
	"attachments" uuid[] DEFAULT '{}' NOT NULL,
	"client_msg_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_messages_deal_id_seq_pk" PRIMARY KEY("deal_id","seq"),
	CONSTRAINT "deal_messages_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "deal_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"seq" integer NOT NULL,
	"from_side" text NOT NULL,
	"from_user_id" uuid NOT NULL,
	"amount" numeric(16, 2),
	"commission_rate" numeric(8, 6),
	"payer_side" text,
	"terms" jsonb NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'live' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_participants" (
	"deal_id" uuid NOT NULL,
	"side" text NOT NULL,
	"org_id" uuid NOT NULL,
	"user_id" uuid,
	"status" text NOT NULL,
	"invited_by" uuid,
	"responded_by" uuid,
	"responded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_participants_deal_id_side_pk" PRIMARY KEY("deal_id","side")
);
--> statement-breakpoint
CREATE TABLE "deal_ratings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"deal_id" uuid NOT NULL,
	"rater_org_id" uuid NOT NULL,
	"rater_id" uuid NOT NULL,
	"rated_org_id" uuid NOT NULL,
	"rated_broker_id" uuid,
	"score" smallint NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"comment" text,
	"hidden" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"stage" text DEFAULT 'lead' NOT NULL,
	"achievement_id" uuid,
	"demand_id" uuid,
	"supply_org_id" uuid NOT NULL,
	"demand_org_id" uuid NOT NULL,
	"broker_id" uuid,
	"broker_org_id" uuid,
	"origin_kind" text NOT NULL,
	"origin_id" text,
	"title" text NOT NULL,
	"started_by" uuid NOT NULL,
	"started_by_org_id" uuid NOT NULL,
	"last_seq" integer DEFAULT 0 NOT NULL,
	"lost_reason" text,
	"lost_note" text,
	"agreed_offer_id" uuid,
	"agreed_amount" numeric(16, 2),
	"commission_offer_id" uuid,
	"contract_id" uuid,
	"negotiated_at" timestamp with time zone,
	"supply_confirmed_at" timestamp with time zone,
	"demand_confirmed_at" timestamp with time zone,
	"follow_up_at" timestamp with time zone,
	"zone_id" uuid,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "commissions_deal_contract_uq" ON "commissions" USING btree ("deal_id","contract_id");--> statement-breakpoint
CREATE INDEX "commissions_broker_idx" ON "commissions" USING btree ("broker_id");--> statement-breakpoint
CREATE INDEX "commissions_payer_idx" ON "commissions" USING btree ("payer_org_id");--> statement-breakpoint
CREATE INDEX "complaints_status_idx" ON "complaints" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "complaints_org_idx" ON "complaints" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "credit_events_org_idx" ON "credit_events" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "credit_events_active_idx" ON "credit_events" USING btree ("kind") WHERE "credit_events"."lifted_at" is null;--> statement-breakpoint
CREATE INDEX "deal_members_user_idx" ON "deal_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_messages_client_uq" ON "deal_messages" USING btree ("deal_id","sender_id","client_msg_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_offers_live_uq" ON "deal_offers" USING btree ("deal_id","purpose") WHERE "deal_offers"."status" = 'live';--> statement-breakpoint
CREATE INDEX "deal_offers_deal_idx" ON "deal_offers" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_participants_org_idx" ON "deal_participants" USING btree ("org_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deal_ratings_once_uq" ON "deal_ratings" USING btree ("deal_id","rater_org_id","rated_org_id");--> statement-breakpoint
CREATE INDEX "deal_ratings_rated_idx" ON "deal_ratings" USING btree ("rated_org_id");--> statement-breakpoint
CREATE INDEX "deal_ratings_broker_idx" ON "deal_ratings" USING btree ("rated_broker_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deals_open_achievement_uq" ON "deals" USING btree ("achievement_id","demand_org_id") WHERE "deals"."achievement_id" is not null and "deals"."stage" not in ('closed', 'lost');--> statement-breakpoint
CREATE UNIQUE INDEX "deals_open_demand_uq" ON "deals" USING btree ("demand_id","supply_org_id") WHERE "deals"."achievement_id" is null and "deals"."stage" not in ('closed', 'lost');--> statement-breakpoint
CREATE INDEX "deals_supply_idx" ON "deals" USING btree ("supply_org_id");--> statement-breakpoint
CREATE INDEX "deals_demand_idx" ON "deals" USING btree ("demand_org_id");--> statement-breakpoint
CREATE INDEX "deals_broker_idx" ON "deals" USING btree ("broker_id");--> statement-breakpoint
CREATE INDEX "deals_contract_idx" ON "deals" USING btree ("contract_id");