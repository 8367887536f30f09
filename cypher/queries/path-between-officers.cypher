// name: path-between-officers
// description: The shortest chain of teams, chats, incidents and people linking two officers.
// param: case_id STRING  The case to query.
// param: from_id STRING  The first officer's id.
// param: to_id STRING  The second officer's id.
// example: kg query run path-between-officers --case hotton --param from_id=officer-a --param to_id=officer-n
MATCH (a:Officer {case_id: $case_id, id: $from_id}), (b:Officer {case_id: $case_id, id: $to_id})
WITH shortestPath((a)-[*..8]-(b)) AS p
WHERE p IS NOT NULL
RETURN [n IN nodes(p) | n.id] AS path_ids,
       [n IN nodes(p) | coalesce(n.name, n.summary, n.id)] AS path_names,
       [r IN relationships(p) | type(r)] AS relationships,
       length(p) AS hops
