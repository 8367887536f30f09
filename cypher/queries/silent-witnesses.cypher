// name: silent-witnesses
// description: Officers who witnessed incidents and never reported any, with how many they witnessed and how many they took part in themselves.
// param: case_id STRING  The case to query.
// example: kg query run silent-witnesses --case hotton
MATCH (o:Officer {case_id: $case_id})-[:WITNESSED]->(i:Incident)
WHERE NOT (o)-[:REPORTED]->(:Incident)
WITH o, count(DISTINCT i) AS witnessed
RETURN o.id AS id, o.name AS name, witnessed,
       size([(o)-[:SENT|PARTICIPATED_IN]->(x:Incident) | x]) AS own_incidents
ORDER BY witnessed DESC, id
