// name: says-who
// description: Provenance of one node or relationship: its sources and the quote that supports it.
// param: case_id STRING  The case to query.
// param: id STRING  The id of a node or relationship.
// example: kg query run says-who --case hotton --param id=outcome-a-dismissed
MATCH (n {case_id: $case_id, id: $id})
OPTIONAL MATCH (s:Source {case_id: $case_id})
WHERE s.id IN n.sources
RETURN n.id AS id, labels(n)[0] AS kind, n.quote AS quote, collect(s.title) AS sources
UNION ALL
MATCH ()-[r {case_id: $case_id, id: $id}]->()
OPTIONAL MATCH (s:Source {case_id: $case_id})
WHERE s.id IN r.sources
RETURN r.id AS id, type(r) AS kind, r.quote AS quote, collect(s.title) AS sources
