// Lint Cypher statements with Neo4j's own linter (@neo4j-cypher/language-support).
// Reads JSON from stdin: {"schema": {...DbSchema}, "statements": [{"name", "text", "parameters"?}]}
// (a statement's own "parameters", when given, replace the schema's).
// Writes JSON to stdout: [{"name": "...", "diagnostics": [{"severity", "message", "line", "character"}]}]
import { lintCypherQuery } from '@neo4j-cypher/language-support';

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { schema, statements } = JSON.parse(input);
  const results = statements.map(({ name, text, parameters }) => {
    const { diagnostics } = lintCypherQuery(text, { ...schema, parameters: parameters ?? schema.parameters ?? {} });
    return {
      name,
      diagnostics: diagnostics.map((d) => ({
        severity: d.severity,
        message: d.message,
        line: d.range.start.line + 1,
        character: d.range.start.character + 1,
      })),
    };
  });
  process.stdout.write(JSON.stringify(results));
});
