CREATE TABLE "contract_outside_totals" (
	"city_code" text NOT NULL,
	"year" integer NOT NULL,
	"month" integer NOT NULL,
	"type" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	"tech_amount" numeric(18, 2) DEFAULT '0' NOT NULL,
	CONSTRAINT "contract_outside_totals_city_code_year_month_type_pk" PRIMARY KEY("city_code","year","month","type")
);
--> statement-breakpoint
CREATE TABLE "registration_stations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"organization_id" uuid,
	"region_codes" text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_stations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "station_registrars" (
	"station_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_registrars_station_id_user_id_pk" PRIMARY KEY("station_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"data" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"submitted_by" uuid NOT NULL,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "contracts" ALTER COLUMN "seller_credit_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ALTER COLUMN "seller_region_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ALTER COLUMN "buyer_credit_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ALTER COLUMN "buyer_region_code" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "contracts" ALTER COLUMN "zone_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "agency_rating_year" integer;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "agency_rating_body" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "seller_country_code" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "seller_foreign_reg_no" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "seller_id_number" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "buyer_country_code" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "buyer_foreign_reg_no" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "buyer_id_number" text;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "station_id" uuid;--> statement-breakpoint
ALTER TABLE "contracts" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "station_registrars" ADD CONSTRAINT "station_registrars_station_id_registration_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."registration_stations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "station_registrars_user_idx" ON "station_registrars" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "verifications_subject_idx" ON "verifications" USING btree ("kind","subject_id");--> statement-breakpoint
CREATE INDEX "verifications_status_idx" ON "verifications" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "audit_actor_idx" ON "audit_log" USING btree ("actor_id","id");--> statement-breakpoint
CREATE INDEX "audit_action_idx" ON "audit_log" USING btree ("action","id");--> statement-breakpoint
CREATE INDEX "contracts_station_status_idx" ON "contracts" USING btree ("station_id","status");