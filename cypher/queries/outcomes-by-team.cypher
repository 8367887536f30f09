// name: outcomes-by-team
// description: Per team: officers ever in it, how many sent or took part in incidents, how many received any outcome, and participants without one.
// param: case_id STRING  The case to query.
// example: kg query run outcomes-by-team --case hotton
MATCH (t:Team {case_id: $case_id})<-[:MEMBER_OF]-(o:Officer)
WITH DISTINCT t, o
WITH t, o,
     size([(o)-[:SENT|PARTICIPATED_IN]->(i:Incident) | i]) AS involvements,
     size([(o)-[:RECEIVED_OUTCOME]->(x:Outcome) | x]) AS outcomes
RETURN t.name AS team, count(o) AS officers,
       count(CASE WHEN involvements > 0 THEN 1 END) AS participants,
       count(CASE WHEN outcomes > 0 THEN 1 END) AS with_outcome,
       count(CASE WHEN involvements > 0 AND outcomes = 0 THEN 1 END) AS participants_without_outcome
ORDER BY team
