// name: supervisors-who-participated
// description: Supervisors who themselves sent or took part in incidents while they were supervising.
// param: case_id STRING  The case to query.
// example: kg query run supervisors-who-participated --case hotton
MATCH (s:Officer {case_id: $case_id})-[sv:SUPERVISES]->(x)
MATCH (s)-[:SENT|PARTICIPATED_IN]->(i:Incident)
WHERE i.occurred_on IS NOT NULL
  AND (sv.from IS NULL OR sv.from <= i.occurred_on) AND (sv.until IS NULL OR i.occurred_on <= sv.until)
WITH s, collect(DISTINCT coalesce(x.name, x.id)) AS supervised, count(DISTINCT i) AS incidents,
     min(i.occurred_on) AS first, max(i.occurred_on) AS last
RETURN s.id AS id, s.name AS name, supervised, incidents AS incidents_while_supervising,
       toString(first) AS first_incident, toString(last) AS last_incident
ORDER BY incidents_while_supervising DESC, id
