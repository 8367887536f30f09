#!/bin/sh
# Import these files into a new, empty database (default: neo4j). Run from this folder:
#   sh import.sh [DATABASE]
# Then create the kg schema: cypher-shell -f ../graph.cypher (it starts with the schema).
set -eu
# The database name comes first: --nodes and --relationships take every word after them.
# Text values may span lines, hence --multiline-fields=true.
neo4j-admin database import full "${1:-neo4j}" --array-delimiter=";" --multiline-fields=true \
  --nodes=nodes_Officer.csv \
  --nodes=nodes_Station.csv \
  --nodes=nodes_Team.csv \
  --nodes=nodes_Incident.csv \
  --nodes=nodes_Category.csv \
  --nodes=nodes_Outcome.csv \
  --nodes=nodes_Source.csv \
  --relationships=relationships_MEMBER_OF.csv \
  --relationships=relationships_BASED_AT.csv \
  --relationships=relationships_SUPERVISES.csv \
  --relationships=relationships_SENT.csv \
  --relationships=relationships_RECEIVED.csv \
  --relationships=relationships_PARTICIPATED_IN.csv \
  --relationships=relationships_WITNESSED.csv \
  --relationships=relationships_IN_CATEGORY.csv \
  --relationships=relationships_AT.csv \
  --relationships=relationships_RECEIVED_OUTCOME.csv
