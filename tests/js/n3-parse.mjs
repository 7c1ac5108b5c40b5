// Parse one RDF file strictly with N3.js and print its triples or quads as N-Quads on stdout.
//
//   node n3-parse.mjs FORMAT FILE      FORMAT: turtle | ntriples | trig | nquads
//
// N3.js is told the exact format, so it rejects anything outside that grammar (N3 extensions,
// prefixes in N-Triples, graphs in Turtle...). Exit 0 on success; exit 1 with the parser's
// message on stderr otherwise.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { Parser, Writer } from 'n3';

const FORMATS = { turtle: 'Turtle', ntriples: 'N-Triples', trig: 'TriG', nquads: 'N-Quads' };

export function parseRdf(format, text) {
  const name = FORMATS[format];
  if (!name) throw new Error(`unknown format ${format}; known: ${Object.keys(FORMATS).join(', ')}`);
  return new Parser({ format: name }).parse(text);
}

export function toNQuads(quads) {
  return new Writer({ format: 'N-Quads' }).quadsToString(quads);
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [format, file] = process.argv.slice(2);
  try {
    const quads = parseRdf(format, readFileSync(file, 'utf8'));
    process.stdout.write(toNQuads(quads));
  } catch (error) {
    process.stderr.write(`N3.js: ${file}: ${error.message}\n`);
    process.exit(1);
  }
}
