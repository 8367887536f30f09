// name: chat-groups-top-senders
// description: Each chat group with its members, messages and most active senders.
// param: case_id STRING  The case to query.
// param: top INTEGER = 3  How many senders to list per group.
// example: kg query run chat-groups-top-senders --case hotton
MATCH (g:ChatGroup {case_id: $case_id})
OPTIONAL MATCH (g)<-[:IN_CHAT]-(member)
WITH g, count(DISTINCT member) AS members
OPTIONAL MATCH (g)<-[:POSTED_IN]-(m:Incident)
WITH g, members, count(m) AS messages
OPTIONAL MATCH (g)<-[:POSTED_IN]-(i:Incident)<-[:SENT]-(sender)
WITH g, members, messages, sender, count(i) AS sent
ORDER BY sent DESC, sender.name
WITH g, members, messages, collect(sender.name + ' (' + toString(sent) + ')') AS senders
RETURN g.name AS chat_group, members, messages, senders[0..$top] AS top_senders
ORDER BY messages DESC, chat_group
