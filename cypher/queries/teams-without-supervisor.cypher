// name: teams-without-supervisor
// description: Months in which a team's members sent or took part in incidents while nobody supervised the team.
// param: case_id STRING  The case to query.
// example: kg query run teams-without-supervisor --case hotton
MATCH (t:Team {case_id: $case_id})<-[m:MEMBER_OF]-(o:Officer)-[:SENT|PARTICIPATED_IN]->(i:Incident)
WHERE i.occurred_on IS NOT NULL
  AND (m.from IS NULL OR m.from <= i.occurred_on) AND (m.until IS NULL OR i.occurred_on <= m.until)
WITH DISTINCT t, i
OPTIONAL MATCH (s:Officer)-[sv:SUPERVISES]->(t)
WHERE (sv.from IS NULL OR sv.from <= i.occurred_on) AND (sv.until IS NULL OR i.occurred_on <= sv.until)
WITH t, i, count(s) AS supervisors
WHERE supervisors = 0
RETURN t.name AS team, substring(toString(i.occurred_on), 0, 7) AS month, count(i) AS unsupervised_incidents
ORDER BY team, month
