CREATE TABLE "term_associations" (
	"term" text NOT NULL,
	"associate" text NOT NULL,
	"strength" real NOT NULL,
	"together" integer NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "term_associations_term_associate_pk" PRIMARY KEY("term","associate")
);
