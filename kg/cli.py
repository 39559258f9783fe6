"""The ``kg`` command: a thin layer over the library.

Exit codes: 0 success; 1 unexpected internal error; 2 bad usage;
3 bad input (missing, unreadable, empty, binary or undecodable file).
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INPUT = 0, 1, 2, 3

log = logging.getLogger("kg")


def _cmd_build(args) -> int:
    from kg.document import InputError
    from kg.outputs import write_graph, write_html
    from kg.pipeline import build_results, entity_resolver

    t0 = time.perf_counter()
    try:
        results = build_results(args.paths, args.encoding)
    except InputError as exc:
        print(f"kg build: {exc}", file=sys.stderr)
        return EXIT_INPUT
    entity_of = entity_resolver(results)
    path, n = write_graph(results, entity_of, Path(args.out))
    page = write_html(results, entity_of, Path(args.out))
    from kg.store import write_store
    write_store(path, Path(args.out))
    if not args.quiet:
        ents = len({m.name for r in results for m in r.mentions})
        print(f"built {len(results)} document(s): {ents} entities, {n} triples -> {path} "
              f"and {page} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
    return EXIT_OK


def _cmd_query(args) -> int:
    from kg.query import QueryError, bind_params, read_query, run, shipped_queries
    from kg.results import FormatError, render
    from kg.store import StoreError, open_store

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
        text = bind_params(read_query(args.query), params)
        store = open_store(Path(args.graph))
        out = render(run(store, text), args.format)
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
        report = validate(Path(args.graph), Path(args.shapes) if args.shapes else DEFAULT_SHAPES)
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
    b.add_argument("--encoding", help="text encoding of the inputs (default: detect)")
    b.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    b.set_defaults(func=_cmd_build)

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
                       description="Validate a built graph against SHACL shapes (default: ontology/shapes.ttl) "
                                   "with pySHACL; print a report; exit 3 when it does not conform.")
    v.add_argument("graph", nargs="?", default="out", metavar="PATH",
                   help="a build directory (its graph.ttl) or an RDF file (default: out)")
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
        import os
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
