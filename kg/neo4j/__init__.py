"""Neo4j: the graph's representation there, the Bolt loader, and the analyst query library."""
