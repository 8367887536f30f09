// name: silent-recipients
// description: Officers who received offensive messages and never reported any incident, with how many they received and how many they sent themselves.
// param: case_id STRING  The case to query.
// example: kg query run silent-recipients --case hotton
MATCH (o:Officer {case_id: $case_id})-[:RECEIVED]->(i:Incident)
WHERE NOT (o)-[:REPORTED]->(:Incident)
WITH o, count(DISTINCT i) AS received, min(i.occurred_on) AS first_received
RETURN o.id AS id, o.name AS name, received, toString(first_received) AS first_received,
       size([(o)-[:SENT]->(s:Incident) | s]) AS sent
ORDER BY received DESC, id
