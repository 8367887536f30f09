#!/bin/sh
# Import these files into a new, empty database (default: neo4j). Run from this folder:
#   sh import.sh [DATABASE]
# Then create the kg schema: cypher-shell -f ../graph.cypher (it starts with the schema).
set -eu
neo4j-admin database import full --array-delimiter=";" \
  --nodes=nodes_Officer.csv \
  --nodes=nodes_Person.csv \
  --nodes=nodes_Station.csv \
  --nodes=nodes_Team.csv \
  --nodes=nodes_Organisation.csv \
  --nodes=nodes_ChatGroup.csv \
  --nodes=nodes_Incident.csv \
  --nodes=nodes_Category.csv \
  --nodes=nodes_Investigation.csv \
  --nodes=nodes_Outcome.csv \
  --nodes=nodes_Recommendation.csv \
  --nodes=nodes_Source.csv \
  --relationships=relationships_MEMBER_OF.csv \
  --relationships=relationships_BASED_AT.csv \
  --relationships=relationships_PART_OF.csv \
  --relationships=relationships_SUPERVISES.csv \
  --relationships=relationships_IN_CHAT.csv \
  --relationships=relationships_SENT.csv \
  --relationships=relationships_RECEIVED.csv \
  --relationships=relationships_POSTED_IN.csv \
  --relationships=relationships_PARTICIPATED_IN.csv \
  --relationships=relationships_WITNESSED.csv \
  --relationships=relationships_REPORTED.csv \
  --relationships=relationships_TARGETED.csv \
  --relationships=relationships_IN_CATEGORY.csv \
  --relationships=relationships_AT.csv \
  --relationships=relationships_CONDUCTED.csv \
  --relationships=relationships_INVESTIGATED.csv \
  --relationships=relationships_EXAMINED.csv \
  --relationships=relationships_RECEIVED_OUTCOME.csv \
  --relationships=relationships_CONCERNS.csv \
  --relationships=relationships_RECOMMENDED.csv \
  --relationships=relationships_ADDRESSED_TO.csv \
  "${1:-neo4j}"
