// kg's Neo4j 5 schema, generated from the ontology by `make docs`: do not edit by hand.
// A uniqueness constraint on (case_id, id) per node kind and per relationship type.
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
CREATE CONSTRAINT kg_member_of_key IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_based_at_key IF NOT EXISTS FOR ()-[r:BASED_AT]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_part_of_key IF NOT EXISTS FOR ()-[r:PART_OF]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_supervises_key IF NOT EXISTS FOR ()-[r:SUPERVISES]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_in_chat_key IF NOT EXISTS FOR ()-[r:IN_CHAT]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_sent_key IF NOT EXISTS FOR ()-[r:SENT]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_received_key IF NOT EXISTS FOR ()-[r:RECEIVED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_posted_in_key IF NOT EXISTS FOR ()-[r:POSTED_IN]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_participated_in_key IF NOT EXISTS FOR ()-[r:PARTICIPATED_IN]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_accused_in_key IF NOT EXISTS FOR ()-[r:ACCUSED_IN]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_witnessed_key IF NOT EXISTS FOR ()-[r:WITNESSED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_reported_key IF NOT EXISTS FOR ()-[r:REPORTED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_targeted_key IF NOT EXISTS FOR ()-[r:TARGETED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_in_category_key IF NOT EXISTS FOR ()-[r:IN_CATEGORY]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_at_key IF NOT EXISTS FOR ()-[r:AT]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_conducted_key IF NOT EXISTS FOR ()-[r:CONDUCTED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_investigated_key IF NOT EXISTS FOR ()-[r:INVESTIGATED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_examined_key IF NOT EXISTS FOR ()-[r:EXAMINED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_received_outcome_key IF NOT EXISTS FOR ()-[r:RECEIVED_OUTCOME]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_concerns_key IF NOT EXISTS FOR ()-[r:CONCERNS]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_recommended_key IF NOT EXISTS FOR ()-[r:RECOMMENDED]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
CREATE CONSTRAINT kg_addressed_to_key IF NOT EXISTS FOR ()-[r:ADDRESSED_TO]-() REQUIRE (r.case_id, r.id) IS UNIQUE;
