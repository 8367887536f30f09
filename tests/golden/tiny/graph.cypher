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
  {id: 'officer-1', props: {case_id: 'tiny', id: 'officer-1', name: 'Officer One', rank: 'PC', probationer: false, sources: ['src-report']}, joined: '2015-01-05', left: null},
  {id: 'officer-2', props: {case_id: 'tiny', id: 'officer-2', name: 'Officer Two', rank: 'Sergeant', sources: ['src-report']}, joined: '2010-03-01', left: null},
  {id: 'officer-3', props: {case_id: 'tiny', id: 'officer-3', name: 'Officer Three', rank: 'PC', probationer: true, sources: ['src-report', 'src-demo']}, joined: '2016-09-01', left: null}
] AS row
MERGE (n:Officer {case_id: 'tiny', id: row.id})
SET n = row.props
SET n.joined = date(row.joined), n.left = date(row.left);

UNWIND [
  {id: 'station-1', props: {case_id: 'tiny', id: 'station-1', name: 'Station One', sources: ['src-report']}}
] AS row
MERGE (n:Station {case_id: 'tiny', id: row.id})
SET n = row.props;

UNWIND [
  {id: 'team-1', props: {case_id: 'tiny', id: 'team-1', name: 'Team One', team_type: 'response', status: 'disbanded', sources: ['src-report']}, formed: '2012-01-01', disbanded: '2018-12-31'}
] AS row
MERGE (n:Team {case_id: 'tiny', id: row.id})
SET n = row.props
SET n.formed = date(row.formed), n.disbanded = date(row.disbanded);

UNWIND [
  {id: 'inc-1', props: {case_id: 'tiny', id: 'inc-1', name: 'Message one', incident_type: 'message', summary: 'Placeholder message', text: 'placeholder text, with a comma', severity: 2, sources: ['src-demo']}, occurred_on: '2016-10-02', occurred_at: '2016-10-02T22:15:00', reported_on: null},
  {id: 'inc-2', props: {case_id: 'tiny', id: 'inc-2', name: 'Incident two', incident_type: 'bullying', summary: 'Placeholder incident', sources: ['src-report'], quote: 'placeholder quote'}, occurred_on: '2017-01-15', occurred_at: null, reported_on: null}
] AS row
MERGE (n:Incident {case_id: 'tiny', id: row.id})
SET n = row.props
SET n.occurred_on = date(row.occurred_on), n.occurred_at = datetime(row.occurred_at), n.reported_on = date(row.reported_on);

UNWIND [
  {id: 'cat-1', props: {case_id: 'tiny', id: 'cat-1', name: 'Category One', sources: ['src-report']}}
] AS row
MERGE (n:Category {case_id: 'tiny', id: row.id})
SET n = row.props;

UNWIND [
  {id: 'outcome-1', props: {case_id: 'tiny', id: 'outcome-1', name: 'Outcome one', outcome_type: 'written_warning', sources: ['src-report']}, decided_on: '2017-05-01'}
] AS row
MERGE (n:Outcome {case_id: 'tiny', id: row.id})
SET n = row.props
SET n.decided_on = date(row.decided_on);

UNWIND [
  {id: 'src-report', props: {case_id: 'tiny', id: 'src-report', title: 'Placeholder report', source_type: 'report', sources: ['src-report']}, published: '2019-04-01'},
  {id: 'src-demo', props: {case_id: 'tiny', id: 'src-demo', title: 'Placeholder illustrative data', source_type: 'illustrative', sources: ['src-demo']}, published: null}
] AS row
MERGE (n:Source {case_id: 'tiny', id: row.id})
SET n = row.props
SET n.published = date(row.published);

UNWIND [
  {start_id: 'officer-1', end_id: 'team-1', id: 'officer-1-MEMBER_OF-team-1', props: {case_id: 'tiny', id: 'officer-1-MEMBER_OF-team-1', role: 'constable', sources: ['src-report']}, from: '2015-02-01', until: null},
  {start_id: 'officer-2', end_id: 'team-1', id: 'officer-2-MEMBER_OF-team-1', props: {case_id: 'tiny', id: 'officer-2-MEMBER_OF-team-1', role: 'sergeant', sources: ['src-report']}, from: '2012-01-01', until: null},
  {start_id: 'officer-3', end_id: 'team-1', id: 'officer-3-MEMBER_OF-team-1', props: {case_id: 'tiny', id: 'officer-3-MEMBER_OF-team-1', role: 'probationer', sources: ['src-report']}, from: '2016-09-01', until: '2017-06-30'}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Team {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:MEMBER_OF {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props
SET r.from = date(row.from), r.until = date(row.until);

UNWIND [
  {start_id: 'team-1', end_id: 'station-1', id: 'team-1-BASED_AT-station-1', props: {case_id: 'tiny', id: 'team-1-BASED_AT-station-1', sources: ['src-report']}, from: null, until: null}
] AS row
MATCH (a:Team {case_id: 'tiny', id: row.start_id})
MATCH (b:Station {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:BASED_AT {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props
SET r.from = date(row.from), r.until = date(row.until);

UNWIND [
  {start_id: 'officer-2', end_id: 'team-1', id: 'officer-2-SUPERVISES-team-1', props: {case_id: 'tiny', id: 'officer-2-SUPERVISES-team-1', sources: ['src-report']}, from: '2014-01-01', until: null}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Team {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:SUPERVISES {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props
SET r.from = date(row.from), r.until = date(row.until);

UNWIND [
  {start_id: 'officer-1', end_id: 'inc-1', id: 'officer-1-SENT-inc-1', props: {case_id: 'tiny', id: 'officer-1-SENT-inc-1', sources: ['src-demo']}}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:SENT {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {start_id: 'officer-3', end_id: 'inc-1', id: 'officer-3-RECEIVED-inc-1', props: {case_id: 'tiny', id: 'officer-3-RECEIVED-inc-1', sources: ['src-demo']}}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:RECEIVED {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {start_id: 'officer-1', end_id: 'inc-2', id: 'part-1', props: {case_id: 'tiny', id: 'part-1', role: 'participant', sources: ['src-report']}}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:PARTICIPATED_IN {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {start_id: 'officer-3', end_id: 'inc-2', id: 'officer-3-WITNESSED-inc-2', props: {case_id: 'tiny', id: 'officer-3-WITNESSED-inc-2', sources: ['src-report'], quote: 'placeholder quote'}}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Incident {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:WITNESSED {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {start_id: 'inc-1', end_id: 'cat-1', id: 'inc-1-IN_CATEGORY-cat-1', props: {case_id: 'tiny', id: 'inc-1-IN_CATEGORY-cat-1', sources: ['src-demo']}},
  {start_id: 'inc-2', end_id: 'cat-1', id: 'inc-2-IN_CATEGORY-cat-1', props: {case_id: 'tiny', id: 'inc-2-IN_CATEGORY-cat-1', sources: ['src-report']}}
] AS row
MATCH (a:Incident {case_id: 'tiny', id: row.start_id})
MATCH (b:Category {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:IN_CATEGORY {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {start_id: 'inc-2', end_id: 'station-1', id: 'inc-2-AT-station-1', props: {case_id: 'tiny', id: 'inc-2-AT-station-1', sources: ['src-report']}}
] AS row
MATCH (a:Incident {case_id: 'tiny', id: row.start_id})
MATCH (b:Station {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:AT {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props;

UNWIND [
  {start_id: 'officer-1', end_id: 'outcome-1', id: 'officer-1-RECEIVED_OUTCOME-outcome-1', props: {case_id: 'tiny', id: 'officer-1-RECEIVED_OUTCOME-outcome-1', sources: ['src-report']}}
] AS row
MATCH (a:Officer {case_id: 'tiny', id: row.start_id})
MATCH (b:Outcome {case_id: 'tiny', id: row.end_id})
MERGE (a)-[r:RECEIVED_OUTCOME {case_id: 'tiny', id: row.id}]->(b)
SET r = row.props;
