// name: path-between-officers
// description: The shortest chain (up to 4 steps) of teams, chats, supervision, messages and incidents linking two officers; ties broken by node ids so the answer is always the same.
// param: case_id STRING  The case to query.
// param: from_id STRING  The first officer's id.
// param: to_id STRING  The second officer's id.
// example: kg query run path-between-officers --case hotton --param from_id=officer-a --param to_id=officer-n
MATCH (a:Officer {case_id: $case_id, id: $from_id})
MATCH (b:Officer {case_id: $case_id, id: $to_id})
MATCH p = (a)-[:MEMBER_OF|IN_CHAT|SUPERVISES|SENT|RECEIVED|PARTICIPATED_IN|ACCUSED_IN|WITNESSED|REPORTED|TARGETED*1..4]-(b)
WITH p, [n IN nodes(p) | n.id] AS path_ids
ORDER BY length(p), path_ids
LIMIT 1
RETURN path_ids,
       [n IN nodes(p) | coalesce(n.name, n.summary, n.id)] AS path_names,
       [r IN relationships(p) | type(r)] AS relationships,
       length(p) AS hops
