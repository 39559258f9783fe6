"""The ``kg`` command: a thin layer over the library.

Exit codes: 0 success; 1 unexpected internal error; 2 bad usage;
3 bad input (missing, unreadable, empty, binary or undecodable file);
4 the output cannot be written; 5 the server of ``kg push`` is unreachable or
refuses the graph; 130 interrupted.
"""
from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from contextlib import nullcontext
from pathlib import Path

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT, EXIT_OUTPUT, EXIT_SERVER = 0, 1, 2, 3, 4, 5

log = logging.getLogger("kg")


def _cmd_build(args) -> int:
    from kg.corpus import read_corpus
    from kg.document import InputError
    from kg.metadata import MetadataError

    t0 = time.perf_counter()
    try:
        formats = [f for spec in args.format for f in spec.split(",") if f]
        from kg.exports import format_name
        for f in formats:
            format_name(f)
    except ValueError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.workers is not None and args.workers < 1:
        print("kg build: --workers must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    if args.encoding:
        import codecs
        try:
            codecs.lookup(args.encoding)
        except LookupError:
            print(f"kg build: unknown encoding {args.encoding!r}", file=sys.stderr)
            return EXIT_USAGE
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"kg build: --out {out}: not a directory", file=sys.stderr)
        return EXIT_OUTPUT

    def skip(exc: InputError) -> None:
        print(f"kg build: skipped {exc}", file=sys.stderr)

    try:
        docs = read_corpus(args.paths, args.encoding, skip if args.skip_bad else None, args.metadata)
    except (InputError, MetadataError) as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if not docs:
        print("kg build: no documents to build", file=sys.stderr)
        return EXIT_INPUT
    try:
        return _build_and_write(args, docs, out, formats, t0)
    except OSError as exc:  # the output directory or a file in it cannot be written
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"kg build: cannot write {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_OUTPUT


_FORMAT_FILES = {"turtle": "graph.ttl", "ntriples": "graph.nt", "jsonld": "graph.jsonld",
                 "graphml": "entities.graphml", "gexf": "entities.gexf"}


def _build_and_write(args, docs, out: Path, formats: list[str], t0: float) -> int:
    from kg.corpus import ClusterError, write_corpus
    from kg.progress import Progress, stage

    progress = None if args.quiet else Progress(len(docs), sum(len(d.text) for d in docs))
    files = ", ".join(_FORMAT_FILES.get(f, f) for f in formats or ["turtle"])

    def writing():
        if progress:
            progress.close()
        return nullcontext() if args.quiet else stage(f"writing {files}, the store and graph.html")
    try:
        build = write_corpus(docs, out, args.workers, formats or ["turtle"], not args.no_cache, progress,
                             args.dask, writing)
    except ClusterError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return EXIT_USAGE
    finally:
        if progress:
            progress.close()
    if not args.quiet:
        results, stats, entity_of = build.results, build.stats, build.entity_of
        # counted as the graph has them: one entity per resolved (type, name), aliases merged
        ents = len({entity_of(m).key for r in results for m in r.mentions})
        n = max(n for f, (_, n) in build.written.items() if f in ("turtle", "ntriples", "jsonld")) \
            if set(build.written) & {"turtle", "ntriples", "jsonld"} else 0
        files = ", ".join(str(p) for p, _ in build.written.values())
        how = f"on the Dask cluster {args.dask}" if args.dask else f"with {stats.workers} worker(s)"
        print(f"built {len(results)} document(s) ({stats.extracted} extracted {how}, "
              f"{stats.cached} from cache): {ents} entities, {n} triples -> {files} "
              f"and {build.page} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return EXIT_OK


def _cmd_query(args) -> int:
    from kg.query import QueryError, answer, shipped_queries
    from kg.results import FormatError, render
    from kg.store import StoreError

    if args.list:
        for q in shipped_queries().values():
            params = "".join(f" --param {n}=…" for n, _ in q.params)
            print(f"{q.name}{params}\n    {q.title}")
        return EXIT_OK
    if not args.query:
        print("kg query: give a query (inline SPARQL, a .rq file or a shipped query name; --list lists them)",
              file=sys.stderr)
        return EXIT_USAGE
    params = {}
    for spec in args.param:
        name, eq, value = spec.partition("=")
        if not eq or not name:
            print(f"kg query: --param wants NAME=VALUE, got {spec!r}", file=sys.stderr)
            return EXIT_USAGE
        params[name.lstrip("?$")] = value
    try:
        out = render(answer(args.query, args.graph, params), args.format)
    except (QueryError, StoreError) as exc:
        print(f"kg query: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except FormatError as exc:
        print(f"kg query: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.buffer.write(out)
    sys.stdout.flush()
    return EXIT_OK


def _cmd_serve(args) -> int:
    from kg.serve import serve
    from kg.store import StoreError

    try:
        return serve(Path(args.graph), host=args.host, port=args.port, timeout=args.timeout,
                     workers=args.workers)
    except (StoreError, OSError) as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return EXIT_INPUT


def _cmd_validate(args) -> int:
    from kg.store import StoreError
    from kg.validate import DEFAULT_SHAPES, validate

    try:
        report = validate(Path(args.graph_option or args.graph), Path(args.shapes) if args.shapes else DEFAULT_SHAPES)
    except StoreError as exc:
        print(f"kg validate: {exc}", file=sys.stderr)
        return EXIT_INPUT
    print(report.text())
    return EXIT_OK if report.conforms else EXIT_INPUT


def _cmd_push(args) -> int:
    from kg.push import PushError, graph_file, push

    try:
        path = Path(args.file) if args.file else graph_file(args.out)
        done = push(path, args.endpoint, args.graph, args.user, os.environ.get("KG_PUSH_PASSWORD"))
    except (FileNotFoundError, ValueError) as exc:
        print(f"kg push: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except PushError as exc:
        print(f"kg push: {exc}", file=sys.stderr)
        return EXIT_SERVER
    if not args.quiet:
        print(f"pushed {path} ({done.size / 1e6:.1f} MB) to {args.endpoint} as graph <{done.graph}> "
              f"(HTTP {done.status})", file=sys.stderr)
    return EXIT_OK


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kg", description="Knowledge graphs from Chinese government and party documents.")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    b = sub.add_parser("build", help="build the graph of documents (default: data/*.txt) into --out",
                       description="Build the knowledge graph of text documents. PATHs are files or "
                                   "directories (searched for *.txt); the default is data/.")
    b.add_argument("paths", nargs="*", default=["data"], metavar="PATH")
    b.add_argument("--out", default="out", help="output directory (default: out)")
    b.add_argument("--encoding", help="text encoding of the inputs, such as gb18030 or big5 (default: detect "
                                      "UTF-8, UTF-16, UTF-32 and GB18030/GBK)")
    b.add_argument("--skip-bad", action="store_true",
                   help="report unreadable, empty, binary or undecodable files and build the rest "
                        "(default: stop at the first, exit 3)")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors (no progress)")
    b.add_argument("--workers", type=int, metavar="N",
                   help="work in N processes at a time: extraction, then graph.ttl, the store and the "
                        "page (default: the number of cores; 1: everything in this process)")
    b.add_argument("--dask", metavar="ADDRESS",
                   help="extract on a Dask cluster: its scheduler's address (tcp://HOST:8786), or "
                        "'local' for a LocalCluster on this machine; needs pip install 'kg[dask]'. "
                        "Merging and writing stay here. The output is the same as without.")
    b.add_argument("--format", action="append", default=[], metavar="FMT",
                   help="graph formats to write, comma-separated or repeated: turtle (graph.ttl, the "
                        "default), ntriples (graph.nt), jsonld (graph.jsonld), graphml "
                        "(entities.graphml), gexf (entities.gexf), neo4j (neo4j/*.csv for neo4j-admin import)")
    b.add_argument("--metadata", action="append", default=[], metavar="FILE",
                   help="a CSV or TSV table of document metadata: a 'file' column (paths relative to the "
                        "table) and title, date, source/url, author/speaker, place, kind; repeatable. A "
                        "MANIFEST.tsv, metadata.tsv or metadata.csv at the root of a directory PATH is read "
                        "without it")
    b.add_argument("--no-cache", action="store_true",
                   help="extract every document again instead of reusing OUT/.cache")
    b.set_defaults(func=_cmd_build)

    u = sub.add_parser("push", help="load a built graph into a SPARQL Graph Store (one named graph per build)",
                       description="PUT OUT/graph.ttl (or graph.nt, whichever is newer) into a SPARQL 1.1 "
                                   "Graph Store Protocol endpoint, as the named graph of its build; pushing "
                                   "again replaces that graph. The password for --user is read from "
                                   "KG_PUSH_PASSWORD.")
    u.add_argument("--endpoint", required=True, metavar="URL",
                   help="the Graph Store endpoint, e.g. http://localhost:7878/store (Oxigraph), "
                        "http://localhost:3030/DATASET/data (Fuseki)")
    u.add_argument("--out", default="out", help="the build's output directory (default: out)")
    u.add_argument("--file", help="push this .ttl or .nt file instead")
    u.add_argument("--graph", metavar="IRI", help="named graph to load into (default: the build's IRI)")
    u.add_argument("--user", help="user name for HTTP basic authentication")
    u.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    u.set_defaults(func=_cmd_push)

    q = sub.add_parser("query", help="answer a SPARQL query from the built graph",
                       description="Run a SPARQL 1.1 query against a built graph. QUERY is inline SPARQL, a "
                                   ".rq file, or the name of a shipped query (see --list). The prefixes kg, "
                                   "res, nif, itsrdf, prov, skos, dcterms, rdfs, rdf, xsd and owl are "
                                   "predeclared.")
    q.add_argument("query", nargs="?", metavar="QUERY")
    q.add_argument("--graph", default="out", metavar="PATH",
                   help="a build directory (its store, else its graph.ttl) or an RDF file (default: out)")
    q.add_argument("--format", choices=("table", "csv", "tsv", "json", "xml", "turtle", "ntriples"),
                   help="output: an aligned table (default for SELECT and ASK), CSV, TSV, SPARQL "
                        "results JSON or XML; turtle (default) or ntriples for CONSTRUCT and DESCRIBE")
    q.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="set the query's `VALUES ?NAME { ... }` line to VALUE (a string, or <iri>); repeatable")
    q.add_argument("--list", action="store_true", help="list the shipped queries and their parameters")
    q.set_defaults(func=_cmd_query)

    s = sub.add_parser("serve", help="serve the built graph as a read-only SPARQL endpoint",
                       description="Serve a SPARQL 1.1 Protocol endpoint at http://HOST:PORT/sparql (GET and "
                                   "POST, content negotiation, read-only, a time limit per query), the graph "
                                   "page at / and a query page at /query.")
    s.add_argument("--graph", default="out", metavar="PATH",
                   help="a build directory or an RDF file (default: out)")
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    s.add_argument("--port", type=int, default=7878, help="port (default: 7878; 0 picks a free one)")
    s.add_argument("--timeout", type=float, default=30.0, metavar="SECONDS",
                   help="time limit of one query; a query still running is stopped (default: 30)")
    s.add_argument("--workers", type=int, default=2, metavar="N",
                   help="queries answered at once, each in its own process (default: 2)")
    s.set_defaults(func=_cmd_serve)

    v = sub.add_parser("validate", help="check a built graph against the SHACL shapes",
                       description="Validate a built graph against SHACL shapes (default: ontology/shapes.ttl), "
                                   "each constraint run as a SPARQL query on the build's Oxigraph store; "
                                   "print a report; exit 3 when it does not conform.")
    v.add_argument("graph", nargs="?", default="out", metavar="PATH",
                   help="a build directory (its store) or an RDF file (default: out)")
    v.add_argument("--graph", dest="graph_option", metavar="PATH", help="the same, as kg query and kg serve take it")
    v.add_argument("--shapes", metavar="FILE", help="SHACL shapes (default: ontology/shapes.ttl)")
    v.set_defaults(func=_cmd_validate)
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head`: stop quietly, as cat does
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:  # a bug: one line, the traceback on request
        if os.environ.get("KG_DEBUG"):
            raise
        print(f"kg {args.command}: internal error: {type(exc).__name__}: {exc} "
              f"(set KG_DEBUG=1 for the traceback)", file=sys.stderr)
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
