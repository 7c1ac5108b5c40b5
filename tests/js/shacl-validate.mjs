// Validate RDF data against SHACL shapes with rdf-validate-shacl (SHACL Core in JavaScript).
//
//   node shacl-validate.mjs SHAPES.ttl DATA.ttl [MORE.ttl...]
//   node shacl-validate.mjs --cases SHAPES.ttl < CASES.json
//
// The data files are merged into one data graph (pass the ontology as one of them so that
// sh:targetClass and sh:class follow rdfs:subClassOf). Prints one JSON object on stdout:
// {"conforms": bool, "results": [{"focus", "path", "shape", "component", "severity", "message"}],
//  "skipped": [{"shape", "constraint"}]}.
// With --cases, standard input holds {"NAME": [DATA.ttl, ...], ...}: each case is validated on its
// own, as above, in one run (the shapes are read once), and the output is {"NAME": {...}, ...}.
// Exit 0 whether or not the data conforms; exit 1 if a file cannot be read or parsed.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import SHACLValidator from 'rdf-validate-shacl';
import { parseRdf } from './n3-parse.mjs';

const FORMAT_BY_EXTENSION = { '.ttl': 'turtle', '.nt': 'ntriples', '.trig': 'trig', '.nq': 'nquads' };

// Each file is parsed once per run (the ontology is part of every case).
const parsedFiles = new Map();

function read(file) {
  if (!parsedFiles.has(file)) parsedFiles.set(file, parseFile(file));
  return parsedFiles.get(file);
}

function parseFile(file) {
  const extension = file.slice(file.lastIndexOf('.'));
  const format = FORMAT_BY_EXTENSION[extension];
  if (!format) throw new Error(`${file}: unknown RDF file extension ${extension}`);
  try {
    return parseRdf(format, readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: ${error.message}`);
  }
}

// An IRI or a literal as its value; every blank node as "_:" (labels differ from engine to engine).
function term(value) {
  if (!value || !value.termType) return value ?? null;
  return value.termType === 'BlankNode' ? '_:' : value.value;
}

const SH_SPARQL = 'http://www.w3.org/ns/shacl#sparql';

export async function validate(shapesFile, dataFiles, parsed = read(shapesFile)) {
  // rdf-validate-shacl implements SHACL Core only: it stops with an error on a shape that has
  // sh:sparql (SHACL-SPARQL). Those links are left out here and named in the output ("skipped").
  const shapes = parsed.filter((q) => q.predicate.value !== SH_SPARQL);
  const skipped = parsed
    .filter((q) => q.predicate.value === SH_SPARQL)
    .map((q) => ({ shape: q.subject.value, constraint: q.object.value }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  // One data graph: named graphs (TriG, N-Quads) are folded into the default graph.
  const validator = new SHACLValidator(shapes);
  const { factory } = validator;
  const data = factory.dataset(dataFiles.flatMap(read).map((q) => factory.quad(q.subject, q.predicate, q.object)));
  const report = await validator.validate(data);
  const results = report.results.map((r) => ({
    focus: term(r.focusNode),
    path: term(r.path),
    shape: term(r.sourceShape),
    component: term(r.sourceConstraintComponent),
    severity: term(r.severity),
    message: r.message.map((m) => m.value),
  }));
  results.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return { conforms: report.conforms, results, skipped };
}

// Each case with a validator of its own, as a run of its own would have: nothing carries over.
async function validateCases(shapesFile, cases) {
  const parsed = read(shapesFile);
  const out = {};
  for (const [name, dataFiles] of Object.entries(cases)) {
    out[name] = await validate(shapesFile, dataFiles, parsed);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href && process.argv[2] === '--cases') {
  const shapesFile = process.argv[3];
  validateCases(shapesFile, JSON.parse(readFileSync(0, 'utf8'))).then(
    (out) => process.stdout.write(JSON.stringify(out, null, 1) + '\n'),
    (error) => {
      process.stderr.write(`rdf-validate-shacl: ${error.message}\n`);
      process.exit(1);
    },
  );
} else if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [shapesFile, ...dataFiles] = process.argv.slice(2);
  if (!shapesFile || dataFiles.length === 0) {
    process.stderr.write('usage: shacl-validate.mjs SHAPES.ttl DATA.ttl [MORE.ttl...]\n');
    process.exit(1);
  }
  validate(shapesFile, dataFiles).then(
    (out) => process.stdout.write(JSON.stringify(out, null, 1) + '\n'),
    (error) => {
      process.stderr.write(`rdf-validate-shacl: ${error.message}\n`);
      process.exit(1);
    },
  );
}
