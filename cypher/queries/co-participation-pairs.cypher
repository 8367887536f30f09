// name: co-participation-pairs
// description: Pairs of officers involved in the same incidents (sent, took part or accused), most shared first.
// param: case_id STRING  The case to query.
// param: limit INTEGER = 25  Most pairs to list.
// example: kg query run co-participation-pairs --case hotton --param limit=10
MATCH (a:Officer {case_id: $case_id})-[:SENT|PARTICIPATED_IN|ACCUSED_IN]->(i:Incident)<-[:SENT|PARTICIPATED_IN|ACCUSED_IN]-(b:Officer)
WHERE a.id < b.id
RETURN a.id AS officer_a, a.name AS name_a, b.id AS officer_b, b.name AS name_b, count(DISTINCT i) AS shared_incidents
ORDER BY shared_incidents DESC, officer_a, officer_b
LIMIT $limit
