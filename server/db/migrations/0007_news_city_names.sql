CREATE TABLE "news_articles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"category" text NOT NULL,
	"summary" text,
	"body" text NOT NULL,
	"source" text,
	"zone_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"pinned" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid NOT NULL,
	"updated_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cities" ADD COLUMN "name_en" text;--> statement-breakpoint
CREATE INDEX "news_public_idx" ON "news_articles" USING btree ("status","category","pinned","published_at");--> statement-breakpoint
CREATE INDEX "news_zone_idx" ON "news_articles" USING btree ("zone_id");