CREATE TABLE "offline_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"zone_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"participants" integer NOT NULL,
	"photo_file_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadshow_applications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadshow_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"applicant_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"note" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"reason" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadshow_chat" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadshow_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"text" text NOT NULL,
	"masked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadshow_intents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadshow_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"supplier_org_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"note" text,
	"status" text DEFAULT 'new' NOT NULL,
	"deal_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadshow_items" (
	"roadshow_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"achievement_id" uuid NOT NULL,
	"presenter_id" uuid,
	"minutes" smallint,
	CONSTRAINT "roadshow_items_roadshow_id_position_pk" PRIMARY KEY("roadshow_id","position")
);
--> statement-breakpoint
CREATE TABLE "roadshow_mutes" (
	"roadshow_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"muted_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadshow_mutes_roadshow_id_user_id_pk" PRIMARY KEY("roadshow_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "roadshow_question_votes" (
	"question_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadshow_question_votes_question_id_user_id_pk" PRIMARY KEY("question_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "roadshow_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roadshow_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"author_name" text NOT NULL,
	"item_index" smallint,
	"text" text NOT NULL,
	"votes" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadshow_registrations" (
	"roadshow_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadshow_registrations_roadshow_id_user_id_pk" PRIMARY KEY("roadshow_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "roadshow_viewers" (
	"roadshow_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadshow_viewers_roadshow_id_user_id_pk" PRIMARY KEY("roadshow_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "roadshows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"organizer_org_id" uuid,
	"host_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"description" text,
	"cover_file_id" uuid,
	"capacity" integer,
	"registration_required" boolean DEFAULT false NOT NULL,
	"stream_url" text,
	"recording_url" text,
	"industries" text[] DEFAULT '{}' NOT NULL,
	"current_item" smallint DEFAULT 0 NOT NULL,
	"peak_viewers" integer DEFAULT 0 NOT NULL,
	"cancel_reason" text,
	"reminder_sent_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roadshow_applications" ADD CONSTRAINT "roadshow_applications_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_chat" ADD CONSTRAINT "roadshow_chat_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_intents" ADD CONSTRAINT "roadshow_intents_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_items" ADD CONSTRAINT "roadshow_items_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_mutes" ADD CONSTRAINT "roadshow_mutes_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_question_votes" ADD CONSTRAINT "roadshow_question_votes_question_id_roadshow_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."roadshow_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_questions" ADD CONSTRAINT "roadshow_questions_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_registrations" ADD CONSTRAINT "roadshow_registrations_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadshow_viewers" ADD CONSTRAINT "roadshow_viewers_roadshow_id_roadshows_id_fk" FOREIGN KEY ("roadshow_id") REFERENCES "public"."roadshows"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "offline_events_zone_idx" ON "offline_events" USING btree ("zone_id","held_on");--> statement-breakpoint
CREATE UNIQUE INDEX "roadshow_applications_once_idx" ON "roadshow_applications" USING btree ("roadshow_id","achievement_id");--> statement-breakpoint
CREATE INDEX "roadshow_chat_rs_idx" ON "roadshow_chat" USING btree ("roadshow_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "roadshow_intents_once_idx" ON "roadshow_intents" USING btree ("roadshow_id","achievement_id","user_id");--> statement-breakpoint
CREATE INDEX "roadshow_intents_supplier_idx" ON "roadshow_intents" USING btree ("supplier_org_id","created_at");--> statement-breakpoint
CREATE INDEX "roadshow_items_achievement_idx" ON "roadshow_items" USING btree ("achievement_id");--> statement-breakpoint
CREATE INDEX "roadshow_questions_rs_idx" ON "roadshow_questions" USING btree ("roadshow_id","created_at");--> statement-breakpoint
CREATE INDEX "roadshows_status_starts_idx" ON "roadshows" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "roadshows_zone_idx" ON "roadshows" USING btree ("zone_id","starts_at");