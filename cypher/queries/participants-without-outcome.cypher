// name: participants-without-outcome
// description: Officers with established involvement (sent or took part) or allegations (accused) and no recorded outcome: who was never held to account.
// param: case_id STRING  The case to query.
// example: kg query run participants-without-outcome --case hotton
MATCH (o:Officer {case_id: $case_id})-[r:SENT|PARTICIPATED_IN|ACCUSED_IN]->(i:Incident)
WHERE NOT (o)-[:RECEIVED_OUTCOME]->(:Outcome)
WITH o,
     count(DISTINCT CASE WHEN type(r) <> 'ACCUSED_IN' THEN i END) AS involved,
     count(DISTINCT CASE WHEN type(r) = 'ACCUSED_IN' THEN i END) AS accused
RETURN o.id AS id, o.name AS name, involved, accused
ORDER BY involved DESC, accused DESC, id
