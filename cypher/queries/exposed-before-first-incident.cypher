// name: exposed-before-first-incident
// description: Officers who saw colleagues in their own team send or take part in incidents before their own first one: how many such incidents and colleagues.
// param: case_id STRING  The case to query.
// example: kg query run exposed-before-first-incident --case hotton
MATCH (o:Officer {case_id: $case_id})-[:SENT|PARTICIPATED_IN]->(own:Incident)
WHERE own.occurred_on IS NOT NULL
WITH o, min(own.occurred_on) AS first_own
MATCH (o)-[m:MEMBER_OF]->(t:Team)<-[m2:MEMBER_OF]-(other:Officer)-[:SENT|PARTICIPATED_IN]->(i:Incident)
WHERE other <> o AND i.occurred_on < first_own
  AND (m.from IS NULL OR m.from <= i.occurred_on) AND (m.until IS NULL OR i.occurred_on <= m.until)
  AND (m2.from IS NULL OR m2.from <= i.occurred_on) AND (m2.until IS NULL OR i.occurred_on <= m2.until)
RETURN o.id AS id, o.name AS name, toString(first_own) AS first_own_incident,
       count(DISTINCT i) AS team_incidents_before, count(DISTINCT other) AS colleagues_involved_before
ORDER BY team_incidents_before DESC, id
