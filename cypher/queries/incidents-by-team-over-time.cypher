// name: incidents-by-team-over-time
// description: Incidents per team and month: an incident counts for a team when an officer in the team at the time sent it or took part in it. Lists who took part.
// param: case_id STRING  The case to query.
// example: kg query run incidents-by-team-over-time --case hotton
MATCH (t:Team {case_id: $case_id})<-[m:MEMBER_OF]-(o:Officer)-[:SENT|PARTICIPATED_IN]->(i:Incident)
WHERE i.occurred_on IS NOT NULL
  AND (m.from IS NULL OR m.from <= i.occurred_on)
  AND (m.until IS NULL OR i.occurred_on <= m.until)
WITH t, substring(toString(i.occurred_on), 0, 7) AS month, i, o
ORDER BY o.name
RETURN t.name AS team, month, count(DISTINCT i) AS incidents, collect(DISTINCT o.name) AS participants
ORDER BY team, month
