CREATE TABLE "broker_profiles" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"industries" text[] DEFAULT '{}' NOT NULL,
	"city_codes" text[] DEFAULT '{}' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "match_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demand_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"side" text NOT NULL,
	"verdict" text NOT NULL,
	"reason" text NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"demand_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"score" numeric(6, 4) NOT NULL,
	"reasons" jsonb NOT NULL,
	"matched_terms" text[] DEFAULT '{}' NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "matches_demand_id_achievement_id_pk" PRIMARY KEY("demand_id","achievement_id")
);
--> statement-breakpoint
CREATE INDEX "match_feedback_pair_idx" ON "match_feedback" USING btree ("demand_id","achievement_id");--> statement-breakpoint
CREATE INDEX "match_feedback_org_idx" ON "match_feedback" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "matches_achievement_idx" ON "matches" USING btree ("achievement_id");