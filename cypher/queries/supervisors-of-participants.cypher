// name: supervisors-of-participants
// description: For each supervisor and the team they supervised, how many members sent or took part in incidents while both the supervision and the membership held, and whether the supervisor took part too.
// param: case_id STRING  The case to query.
// example: kg query run supervisors-of-participants --case hotton
MATCH (s:Officer {case_id: $case_id})-[sv:SUPERVISES]->(t:Team)<-[m:MEMBER_OF]-(o:Officer)-[:SENT|PARTICIPATED_IN]->(i:Incident)
WHERE o <> s AND i.occurred_on IS NOT NULL
  AND (sv.from IS NULL OR sv.from <= i.occurred_on) AND (sv.until IS NULL OR i.occurred_on <= sv.until)
  AND (m.from IS NULL OR m.from <= i.occurred_on) AND (m.until IS NULL OR i.occurred_on <= m.until)
WITH s, t, count(DISTINCT o) AS participants, count(DISTINCT i) AS incidents
RETURN s.id AS supervisor_id, s.name AS supervisor, t.name AS team, participants, incidents,
       size([(s)-[:SENT|PARTICIPATED_IN]->(x:Incident) | x]) > 0 AS supervisor_took_part
ORDER BY incidents DESC, supervisor_id
