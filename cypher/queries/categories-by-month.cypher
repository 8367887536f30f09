// name: categories-by-month
// description: Incidents per category and month.
// param: case_id STRING  The case to query.
// example: kg query run categories-by-month --case hotton --format csv
MATCH (i:Incident {case_id: $case_id})-[:IN_CATEGORY]->(c:Category)
WHERE i.occurred_on IS NOT NULL
RETURN substring(toString(i.occurred_on), 0, 7) AS month, c.name AS category, count(i) AS incidents
ORDER BY month, category
