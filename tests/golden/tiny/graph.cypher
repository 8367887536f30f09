// Knowledge graph of case 'tiny', written by kg.
// Run with: cypher-shell -a neo4j://HOST:7687 -u USER -d DATABASE -f graph.cypher
// Safe to run again: nodes and relationships are merged on (case_id, id).

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

UNWIND [
  {id: 'officer-1', name: 'Officer One', rank: 'PC', joined: '2015-01-05', probationer: false, sources: ['src-report']},
  {id: 'officer-2', name: 'Officer Two', rank: 'Sergeant', joined: '2010-03-01', sources: ['src-report']},
  {id: 'officer-3', name: 'Officer Three', rank: 'PC', joined: '2016-09-01', probationer: true, sources: ['src-report', 'src-demo']}
] AS row
MERGE (n:Officer {case_id: 'tiny', id: row.id})
SET n.name = row.name, n.rank = row.rank, n.role = row.role, n.joined = date(row.joined), n.left = date(row.left), n.status = row.status, n.probationer = row.probationer, n.sources = row.sources, n.quote = row.quote;

UNWIND [
  {id: 'station-1', name: 'Station One', sources: ['src-report']}
] AS row
MERGE (n:Station {case_id: 'tiny', id: row.id})
SET n.name = row.name, n.area = row.area, n.sources = row.sources, n.quote = row.quote;

UNWIND [
  {id: 'team-1', name: 'Team One', team_type: 'response', formed: '2012-01-01', disbanded: '2018-12-31', status: 'disbanded', sources: ['src-report']}
] AS row
MERGE (n:Team {case_id: 'tiny', id: row.id})
SET n.name = row.name, n.team_type = row.team_type, n.formed = date(row.formed), n.disbanded = date(row.disbanded), n.status = row.status, n.sources = row.sources, n.quote = row.quote;

UNWIND [
  {id: 'inc-1', name: 'Message one', incident_type: 'message', occurred_on: '2016-10-02', occurred_at: '2016-10-02T22:15:00', summary: 'Placeholder message', text: 'placeholder text, with a comma', severity: 2, sources: ['src-demo']},
  {id: 'inc-2', name: 'Incident two', incident_type: 'bullying', occurred_on: '2017-01-15', summary: 'Placeholder incident', sources: ['src-report'], quote: 'placeholder quote'}
] AS row
MERGE (n:Incident {case_id: 'tiny', id: row.id})
SET n.name = row.name, n.incident_type = row.incident_type, n.occurred_on = date(row.occurred_on), n.occurred_at = datetime(row.occurred_at), n.reported_on = date(row.reported_on), n.summary = row.summary, n.text = row.text, n.text_sha256 = row.text_sha256, n.text_length = row.text_length, n.matched_terms = row.matched_terms, n.source_location = row.source_location, n.severity = row.severity, n.sources = row.sources, n.quote = row.quote;

UNWIND [
  {id: 'cat-1', name: 'Category One', sources: ['src-report']}
] AS row
MERGE (n:Category {case_id: 'tiny', id: row.id})
SET n.name = row.name, n.description = row.description, n.sources = row.sources, n.quote = row.quote;

UNWIND [
  {id: 'outcome-1', name: 'Outcome one', outcome_type: 'written_warning', decided_on: '2017-05-01', sources: ['src-report']}
] AS row
MERGE (n:Outcome {case_id: 'tiny', id: row.id})
SET n.name = row.name, n.outcome_type = row.outcome_type, n.decided_on = date(row.decided_on), n.description = row.description, n.sources = row.sources, n.quote = row.quote;

UNWIND [
  {id: 'src-report', title: 'Placeholder report', source_type: 'report', published: '2019-04-01', sources: ['src-report']},
  {id: 'src-demo', title: 'Placeholder illustrative data', source_type: 'illustrative', sources: ['src-demo']}
] AS row
MERGE (n:Source {case_id: 'tiny', id: row.id})
SET n.title = row.title, n.source_type = row.source_type, n.publisher = row.publisher, n.published = date(row.published), n.url = row.url, n.sha256 = row.sha256, n.description = row.description, n.sources = row.sources, n.quote = row.quote;

UNWIND [
  {start_id: 'officer-1', end_id: 'team-1', id: 'officer-1-MEMBER_OF-team-1', from: '2015-02-01', role: 'constable', sources: ['src-report']},
  {start_id: 'officer-2', end_id: 'team-1', id: 'officer-2-MEMBER_OF-team-1', from: '2012-01-01', role: 'sergeant', sources: ['src-report']},
  {start_id: 'officer-3', end_id: 'team-1', id: 'officer-3-MEMBER_OF-team-1', from: '2016-09-01', until: '2017-06-30', role: 'probationer', sources: ['src-report']}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Team {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:MEMBER_OF {case_id: 'tiny', id: row.id}]->(b)
SET r.from = date(row.from), r.until = date(row.until), r.role = row.role, r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'team-1', end_id: 'station-1', id: 'team-1-BASED_AT-station-1', sources: ['src-report']}
] AS row
MATCH (a:Team {case_id: 'tiny', id: row.start_id})
MATCH (b:Station {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:BASED_AT {case_id: 'tiny', id: row.id}]->(b)
SET r.from = date(row.from), r.until = date(row.until), r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'officer-2', end_id: 'team-1', id: 'officer-2-SUPERVISES-team-1', from: '2014-01-01', sources: ['src-report']}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Team {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:SUPERVISES {case_id: 'tiny', id: row.id}]->(b)
SET r.from = date(row.from), r.until = date(row.until), r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'officer-1', end_id: 'inc-1', id: 'officer-1-SENT-inc-1', sources: ['src-demo']}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:SENT {case_id: 'tiny', id: row.id}]->(b)
SET r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'officer-3', end_id: 'inc-1', id: 'officer-3-RECEIVED-inc-1', sources: ['src-demo']}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:RECEIVED {case_id: 'tiny', id: row.id}]->(b)
SET r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'officer-1', end_id: 'inc-2', id: 'part-1', role: 'participant', sources: ['src-report']}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:PARTICIPATED_IN {case_id: 'tiny', id: row.id}]->(b)
SET r.role = row.role, r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'officer-3', end_id: 'inc-2', id: 'officer-3-WITNESSED-inc-2', sources: ['src-report'], quote: 'placeholder quote'}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:WITNESSED {case_id: 'tiny', id: row.id}]->(b)
SET r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'inc-1', end_id: 'cat-1', id: 'inc-1-IN_CATEGORY-cat-1', sources: ['src-demo']},
  {start_id: 'inc-2', end_id: 'cat-1', id: 'inc-2-IN_CATEGORY-cat-1', sources: ['src-report']}
] AS row
MATCH (a:Incident {case_id: 'tiny', id: row.start_id})
MATCH (b:Category {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:IN_CATEGORY {case_id: 'tiny', id: row.id}]->(b)
SET r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'inc-2', end_id: 'station-1', id: 'inc-2-AT-station-1', sources: ['src-report']}
] AS row
MATCH (a:Incident {case_id: 'tiny', id: row.start_id})
MATCH (b:Station {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:AT {case_id: 'tiny', id: row.id}]->(b)
SET r.sources = row.sources, r.quote = row.quote;

UNWIND [
  {start_id: 'officer-1', end_id: 'outcome-1', id: 'officer-1-RECEIVED_OUTCOME-outcome-1', sources: ['src-report']}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Outcome {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:RECEIVED_OUTCOME {case_id: 'tiny', id: row.id}]->(b)
SET r.sources = row.sources, r.quote = row.quote;
