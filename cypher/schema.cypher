// kg's Neo4j 5 schema, generated from the ontology by `make docs`: do not edit by hand.
// A uniqueness constraint on (case_id, id) per node kind; an index on id per relationship type.
// `kg load` applies it; so does the start of every graph.cypher export.

CREATE CONSTRAINT kg_officer_key IF NOT EXISTS FOR (n:Officer) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_person_key IF NOT EXISTS FOR (n:Person) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_station_key IF NOT EXISTS FOR (n:Station) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_team_key IF NOT EXISTS FOR (n:Team) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_organisation_key IF NOT EXISTS FOR (n:Organisation) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_chat_group_key IF NOT EXISTS FOR (n:ChatGroup) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_incident_key IF NOT EXISTS FOR (n:Incident) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_category_key IF NOT EXISTS FOR (n:Category) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_investigation_key IF NOT EXISTS FOR (n:Investigation) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_outcome_key IF NOT EXISTS FOR (n:Outcome) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_recommendation_key IF NOT EXISTS FOR (n:Recommendation) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE CONSTRAINT kg_source_key IF NOT EXISTS FOR (n:Source) REQUIRE (n.case_id, n.id) IS UNIQUE;
CREATE INDEX kg_member_of_id IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.id);
CREATE INDEX kg_based_at_id IF NOT EXISTS FOR ()-[r:BASED_AT]-() ON (r.id);
CREATE INDEX kg_part_of_id IF NOT EXISTS FOR ()-[r:PART_OF]-() ON (r.id);
CREATE INDEX kg_supervises_id IF NOT EXISTS FOR ()-[r:SUPERVISES]-() ON (r.id);
CREATE INDEX kg_in_chat_id IF NOT EXISTS FOR ()-[r:IN_CHAT]-() ON (r.id);
CREATE INDEX kg_sent_id IF NOT EXISTS FOR ()-[r:SENT]-() ON (r.id);
CREATE INDEX kg_received_id IF NOT EXISTS FOR ()-[r:RECEIVED]-() ON (r.id);
CREATE INDEX kg_posted_in_id IF NOT EXISTS FOR ()-[r:POSTED_IN]-() ON (r.id);
CREATE INDEX kg_participated_in_id IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() ON (r.id);
CREATE INDEX kg_accused_in_id IF NOT EXISTS FOR ()-[r:ACCUSED_IN]-() ON (r.id);
CREATE INDEX kg_witnessed_id IF NOT EXISTS FOR ()-[r:WITNESSED]-() ON (r.id);
CREATE INDEX kg_reported_id IF NOT EXISTS FOR ()-[r:REPORTED]-() ON (r.id);
CREATE INDEX kg_targeted_id IF NOT EXISTS FOR ()-[r:TARGETED]-() ON (r.id);
CREATE INDEX kg_in_category_id IF NOT EXISTS FOR ()-[r:IN_CATEGORY]-() ON (r.id);
CREATE INDEX kg_at_id IF NOT EXISTS FOR ()-[r:AT]-() ON (r.id);
CREATE INDEX kg_conducted_id IF NOT EXISTS FOR ()-[r:CONDUCTED]-() ON (r.id);
CREATE INDEX kg_investigated_id IF NOT EXISTS FOR ()-[r:INVESTIGATED]-() ON (r.id);
CREATE INDEX kg_examined_id IF NOT EXISTS FOR ()-[r:EXAMINED]-() ON (r.id);
CREATE INDEX kg_received_outcome_id IF NOT EXISTS FOR ()-[r:RECEIVED_OUTCOME]-() ON (r.id);
CREATE INDEX kg_concerns_id IF NOT EXISTS FOR ()-[r:CONCERNS]-() ON (r.id);
CREATE INDEX kg_recommended_id IF NOT EXISTS FOR ()-[r:RECOMMENDED]-() ON (r.id);
CREATE INDEX kg_addressed_to_id IF NOT EXISTS FOR ()-[r:ADDRESSED_TO]-() ON (r.id);
