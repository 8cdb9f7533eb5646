CREATE TABLE "org_responsiveness" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"matched" integer NOT NULL,
	"answered" integer NOT NULL,
	"refreshed_at" timestamp with time zone DEFAULT now() NOT NULL
);
