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
    if not args.quiet:
        ents = len({m.name for r in results for m in r.mentions})
        print(f"built {len(results)} document(s): {ents} entities, {n} triples -> {path} "
              f"and {page} ({time.perf_counter() - t0:.1f} s)", file=sys.stderr)
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
    return p


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
