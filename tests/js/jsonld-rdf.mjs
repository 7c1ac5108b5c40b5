// JSON-LD to RDF, and RDF Dataset Canonicalization (RDFC-1.0), with jsonld.js and no network.
//
//   node jsonld-rdf.mjs to-rdf FILE.jsonld   expand, then convert to RDF; print N-Quads
//   node jsonld-rdf.mjs canon FORMAT FILE    print the RDFC-1.0 canonical N-Quads of FILE
//                                            FORMAT: jsonld | turtle | ntriples | trig | nquads
//
// Every JSON-LD step runs in safe mode (a term or IRI that would be dropped is an error) with a
// document loader that refuses every URL, so a document that needs a remote context fails here.
// Formats other than JSON-LD are read with N3.js (strict, see n3-parse.mjs) and handed to the
// canonicalizer as N-Quads. Exit 0 on success; exit 1 with the message on stderr otherwise.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import jsonld from 'jsonld';
import { parseRdf, toNQuads } from './n3-parse.mjs';

const NQUADS = 'application/n-quads';

async function refuseEveryUrl(url) {
  throw new Error(`refused to load ${url}: the document must not need anything from outside`);
}

const options = { safe: true, documentLoader: refuseEveryUrl };

export async function jsonldToNQuads(doc) {
  const expanded = await jsonld.expand(doc, options);
  return jsonld.toRDF(expanded, { ...options, format: NQUADS });
}

export async function canonical(format, text) {
  const common = { ...options, algorithm: 'RDFC-1.0', format: NQUADS };
  if (format === 'jsonld') {
    return jsonld.canonize(JSON.parse(text), common);
  }
  const nquads = toNQuads(parseRdf(format, text));
  return jsonld.canonize(nquads, { ...common, inputFormat: NQUADS });
}

async function main(argv) {
  const [mode, ...rest] = argv;
  if (mode === 'to-rdf' && rest.length === 1) {
    return jsonldToNQuads(JSON.parse(readFileSync(rest[0], 'utf8')));
  }
  if (mode === 'canon' && rest.length === 2) {
    return canonical(rest[0], readFileSync(rest[1], 'utf8'));
  }
  throw new Error('usage: jsonld-rdf.mjs to-rdf FILE | canon FORMAT FILE');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (out) => process.stdout.write(out),
    (error) => {
      const detail = error.details ? ` ${JSON.stringify(error.details)}` : '';
      process.stderr.write(`jsonld.js: ${process.argv.slice(2).join(' ')}: ${error.message}${detail}\n`);
      process.exit(1);
    },
  );
}
