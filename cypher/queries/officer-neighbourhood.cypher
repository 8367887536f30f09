// name: officer-neighbourhood
// description: Everything within N hops of an officer (teams, chats, incidents, colleagues, outcomes), nearest first.
// param: case_id STRING  The case to query.
// param: officer_id STRING  The officer's id.
// param: hops INTEGER = 2  How far to look, 1 to 3.
// example: kg query run officer-neighbourhood --case hotton --param officer_id=officer-e --param hops=1
MATCH p = (o:Officer {case_id: $case_id, id: $officer_id})-[*1..3]-(x)
WHERE x <> o
WITH x, min(length(p)) AS hops
WHERE hops <= $hops
RETURN x.id AS id, labels(x)[0] AS kind, coalesce(x.name, x.title, x.summary, x.id) AS name, hops
ORDER BY hops, id
