"""Contract comparison benchmark: the five standard forms with injected, labelled edits of every category and
formatting-only variants; clause-level recall, category accuracy and false deviations of
`reechain risk contract compare`, against a plain line diff (difflib) on the same files in the same run.

The edits and variants are made here with their own text handling (regular expressions on the raw lines of
each form, python-docx for Word files); nothing of the comparer (its reader, normaliser or classifier) is used
to make them. Goals: recall >= 0.95 of edits at the clause level; at most 1 false deviation in the whole set
of formatting-only files. Exits 1 when a goal is missed.

Run: .venv/bin/python benchmarks/contracts.py [--show-misses]
"""

from __future__ import annotations

import argparse
import difflib
import io
import random
import re
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import docx
import yaml

from reechain.services import contracts as svc

RECALL_GOAL = 0.95
FALSE_DEVIATIONS_GOAL = 1
NUMBER_LINE = re.compile(r"^(?:(Article|Clause) )?(\d+)(?:\.(\d+))?\.?\s")
FIGURE = re.compile(r"(?<![A-Za-z\d.,])(\d{1,3}(?:,\d{3})*|\d+)(\.\d+)?(?![\d])")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b")
INCOTERM_SWAP = {"CIF": "FOB", "FOB": "CFR", "CFR": "CIF", "FCA": "EXW", "DAP": "DDP", "EXW": "FCA"}
LAW_SWAP = {
    "England and Wales": "the State of New York",
    "the People's Republic of China": "Switzerland",
    "Hong Kong": "Singapore",
    "Singapore": "England and Wales",
}
FORUM_SWAP = {
    "Singapore International Arbitration Centre (SIAC) in Singapore": (
        "International Chamber of Commerce (ICC) in Paris"
    ),
    "China International Economic and Trade Arbitration Commission (CIETAC) in Beijing": (
        "Stockholm Chamber of Commerce (SCC) in Stockholm"
    ),
    "Hong Kong International Arbitration Centre (HKIAC) in Hong Kong": (
        "London Court of International Arbitration (LCIA) in London"
    ),
}
CURRENCY_SWAP = {"USD": "EUR", "CNY": "USD"}
TEXT_ADDITIONS = [
    ", unless otherwise agreed in writing.",
    ", acting reasonably and in good faith.",
    ", save as required by applicable law.",
]
INSERTED = [
    "The Buyer shall bear all bank charges arising outside the Seller's country.",
    "The Seller may assign its receivables under this contract to a bank without the Buyer's consent.",
    "Any amendment to this contract is valid only if made in writing and signed by both parties.",
]


@dataclass(frozen=True)
class Edit:
    clause: str  # the template's clause number; for an added clause, the inserted text
    kind: str
    category: str


@dataclass
class Variant:
    name: str
    form: str
    lines: list[str]
    edit: Edit | None  # None: formatting only
    as_docx: bool = False


# ------------------------------------------------------------------ the forms as raw lines (own reading)


def form_lines() -> dict[str, tuple[str, list[str]]]:
    """code → (file name, lines) of every form in the packaged library, read without the comparer."""
    folder = resources.files("reechain.data.contracts")
    library = yaml.safe_load(folder.joinpath("library.yaml").read_text(encoding="utf-8"))
    out = {}
    for t in library["templates"]:
        data = folder.joinpath(t["file"]).read_bytes()
        if t["file"].endswith(".docx"):
            lines = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
        else:
            lines = data.decode("utf-8").splitlines()
        out[t["code"]] = (t["file"], [ln for ln in lines if ln.strip()])
    return out


def clause_of(line: str) -> str | None:
    m = NUMBER_LINE.match(line)
    if not m:
        return None
    return m.group(2) + (f".{m.group(3)}" if m.group(3) else "")


def sub_clauses(lines: list[str]) -> list[tuple[int, str]]:
    return [(i, n) for i, ln in enumerate(lines) if (n := clause_of(ln)) and "." in n]


# ------------------------------------------------------------------ edits (one per variant)


def _bump(match: re.Match[str]) -> str:
    whole, frac = match.group(1), match.group(2) or ""
    value = int(whole.replace(",", "")) + (1 if int(whole.replace(",", "")) < 20 else 7)
    text = f"{value:,}" if "," in whole else str(value)
    return text + frac


def edits_of(code: str, lines: list[str], rng: random.Random) -> list[Variant]:
    out: list[Variant] = []

    def add(kind: str, category: str, clause: str, new_lines: list[str]) -> None:
        name = f"{code}-{kind}-{category}-{clause}-{len(out)}"
        out.append(Variant(name, code, new_lines, Edit(clause, kind, category)))

    def change(category: str, clause: str, i: int, new_line: str) -> None:
        add("changed", category, clause, [*lines[:i], new_line, *lines[i + 1 :]])

    for i, number in sub_clauses(lines):
        line = lines[i]
        body = NUMBER_LINE.sub("", line, count=1)
        head = line[: len(line) - len(body)]
        # number: a figure outside dates, formulas, Incoterms 2020 and cross-references
        if not DATE.search(body):
            for m in FIGURE.finditer(body):
                before = body[max(0, m.start() - 10) : m.start()].lower()
                if m.group(0) == "2020" or "clause" in before:
                    continue
                change("number", number, i, head + body[: m.start()] + _bump(m) + body[m.end() :])
                break
        for rule, other in INCOTERM_SWAP.items():
            if re.search(rf"\b{rule}\b", body):
                change("incoterm", number, i, head + re.sub(rf"\b{rule}\b", other, body, count=1))
                break
        for law, other in LAW_SWAP.items():
            if f"laws of {law}" in body:
                change("governing_law", number, i, head + body.replace(f"laws of {law}", f"laws of {other}"))
                break
        for forum, other in FORUM_SWAP.items():
            if forum in body:
                change("governing_law", number, i, head + body.replace(forum, other))
        if " shall not " in body:
            change("negation", number, i, head + body.replace(" shall not ", " shall ", 1))
        elif " shall " in body:
            change("negation", number, i, head + body.replace(" shall ", " shall not ", 1))
        m = re.search(r" is (Sample Rare Earth Group [^,]+, Ltd\.)", body)
        if m:
            change("party", number, i, head + body.replace(m.group(1), "Northwind Metals Trading Co., Ltd."))
        elif re.match(r"The (Buyer|Seller) shall", body) and rng.random() < 0.5:
            other_party = "The Seller" if body.startswith("The Buyer") else "The Buyer"
            swapped = re.sub(r"^The (Buyer|Seller)", other_party, body)
            change("party", number, i, head + swapped)
        d = DATE.search(body)
        if d:
            moved = f"{int(d.group(1)) - 1 or 2} {d.group(2)} {int(d.group(3)) + 1}"
            change("date", number, i, head + body[: d.start()] + moved + body[d.end() :])
        for cur, other in CURRENCY_SWAP.items():
            if re.search(rf"\b{cur}\b", body):
                change("currency", number, i, head + re.sub(rf"\b{cur}\b", other, body))
                break
        if body.rstrip().endswith(".") and rng.random() < 0.35:
            phrase = rng.choice(TEXT_ADDITIONS)
            change("text", number, i, head + body.rstrip()[:-1] + phrase)
    # deleted clauses (the later siblings renumbered, as a drafter would) and inserted clauses
    subs = sub_clauses(lines)
    for i, number in rng.sample(subs, 4):
        section, _ = number.split(".")
        new = []
        for j, ln in enumerate(lines):
            if j == i:
                continue
            n = clause_of(ln)
            if j > i and n and n.startswith(section + ".") and "." in n:
                k = int(n.split(".")[1])
                ln = ln.replace(f"{section}.{k}", f"{section}.{k - 1}", 1)
            new.append(ln)
        add("missing", "text", number, new)
    for text in INSERTED:
        i, number = rng.choice(subs)
        section = number.split(".")[0]
        last = max(j for j, n in subs if n.split(".")[0] == section)
        count = sum(1 for _, n in subs if n.split(".")[0] == section)
        out.append(
            Variant(
                f"{code}-added-{section}-{len(out)}",
                code,
                [*lines[: last + 1], f"{section}.{count + 1} {text}", *lines[last + 1 :]],
                Edit(text, "added", "text"),
            )
        )
    return out


# ------------------------------------------------------------------ formatting-only changes


def rewrap(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        out.extend(textwrap.wrap(ln, width=58, break_on_hyphens=False) or [ln])
    return out


def respace(lines: list[str]) -> list[str]:
    return ["  " + re.sub(r",(?!\d)", " ,", ln.replace(" ", "   ")) + "  " for ln in lines]


def curly(lines: list[str]) -> list[str]:
    return [re.sub(r"\"([^\"]*)\"", "“\\1”", ln).replace("'", "’") for ln in lines]


def heading_case(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        n = clause_of(ln)
        out.append(ln.upper() if n and "." not in n else ln)
    return out


def renumber_style(lines: list[str], style: str) -> list[str]:
    out = []
    for ln in lines:
        m = NUMBER_LINE.match(ln)
        if m and not m.group(3):
            rest = ln[m.end() :]
            chinese = f"第{_cn(int(m.group(2)))}条 {rest}"
            out.append(f"{style} {m.group(2)}. {rest}" if style != "第" else chinese)
        elif m:
            out.append(f"{m.group(2)}.{m.group(3)}. {ln[m.end() :]}")
        else:
            out.append(ln)
    return out


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    return ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")


def markdown(lines: list[str]) -> list[str]:
    out = []
    for ln in lines:
        m = NUMBER_LINE.match(ln)
        if m and not m.group(3):
            out.append("## " + ln)
        elif m:
            out.append(f"**{ln[: m.end()].strip()}** {ln[m.end() :]}")
        else:
            out.append(ln)
    return out


def reorder(lines: list[str], rng: random.Random) -> list[str]:
    """Swap two sections and renumber all sections in their new order."""
    title = [ln for ln in lines if clause_of(ln) is None and lines.index(ln) == 0]
    sections: list[list[str]] = []
    for ln in lines[len(title) :]:
        n = clause_of(ln)
        if n and "." not in n:
            sections.append([ln])
        elif sections:
            sections[-1].append(ln)
    a, b = rng.sample(range(1, len(sections) - 1), 2)
    sections[a], sections[b] = sections[b], sections[a]
    out = list(title)
    for new_number, block in enumerate(sections, start=1):
        old = clause_of(block[0]) or ""
        for ln in block:
            m = NUMBER_LINE.match(ln)
            if m and m.group(2) == old:
                prefix = f"{m.group(1)} " if m.group(1) else ""
                num = f"{new_number}.{m.group(3)}" if m.group(3) else f"{new_number}"
                dot = "." if (not m.group(1) and not m.group(3)) else ""
                ln = f"{prefix}{num}{dot} {ln[m.end() :]}"
            out.append(ln)
    return out


def formatting_variants(code: str, lines: list[str], rng: random.Random) -> list[Variant]:
    made = {
        "rewrapped": rewrap(lines),
        "respaced": respace(lines),
        "curly-quotes": curly(lines),
        "heading-case": heading_case(lines),
        "article-numbers": renumber_style(lines, "Article"),
        "chinese-numbers": renumber_style(lines, "第"),
        "markdown": markdown(lines),
        "reordered-renumbered": reorder(lines, rng),
    }
    out = [Variant(f"{code}-format-{k}", code, v, None) for k, v in made.items()]
    out.append(Variant(f"{code}-format-word", code, rewrap(curly(lines)), None, as_docx=True))
    return out


def perturb(variant: Variant, rng: random.Random) -> Variant:
    """Half the edited files also get formatting noise, so edits are found through it."""
    choice = rng.choice(["none", "rewrap", "curly", "heading", "docx", "reorder"])
    if choice == "reorder":
        lines = reorder(variant.lines, rng)
    else:
        noise = {"rewrap": rewrap, "curly": curly, "heading": heading_case}
        lines = noise[choice](variant.lines) if choice in noise else variant.lines
    return Variant(variant.name, variant.form, lines, variant.edit, as_docx=choice == "docx")


# ------------------------------------------------------------------ the two comparers


def write(variant: Variant, folder: Path) -> Path:
    if variant.as_docx:
        document = docx.Document()
        for ln in variant.lines:
            document.add_paragraph(ln)
        path = folder / f"{variant.name}.docx"
        document.save(str(path))
    else:
        path = folder / f"{variant.name}.md"
        path.write_text("\n".join(variant.lines) + "\n", encoding="utf-8")
    return path


def line_diff(template: list[str], contract: list[str]) -> tuple[set[str], list[str]]:
    """Baseline: difflib's line diff. Changed template lines name their clause (by the nearest numbered line
    above); the lines only in the contract are its additions."""
    owner, current = [], "0"
    for ln in template:
        current = clause_of(ln) or current
        owner.append(current)
    touched: set[str] = set()
    added: list[str] = []
    matcher = difflib.SequenceMatcher(a=template, b=contract, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("replace", "delete"):
            touched.update(owner[i1:i2])
        if op in ("replace", "insert"):
            added.extend(contract[j1:j2])
    return touched, added


def detected(edit: Edit, deviations: list[dict[str, object]]) -> dict[str, object] | None:
    for d in deviations:
        if edit.kind == "added":
            if d["kind"] == "added" and edit.clause[:40] in " ".join(str(d["contract_text"]).split()):
                return d
        elif d["clause"] == edit.clause and d["kind"] == edit.kind:
            return d
    return None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--seed", type=int, default=20261127)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    forms = form_lines()
    edited: list[Variant] = []
    formatting: list[Variant] = []
    for code, (_, lines) in forms.items():
        edited += [perturb(v, rng) if rng.random() < 0.5 else v for v in edits_of(code, lines, rng)]
        formatting += formatting_variants(code, lines, rng)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        templates = {code: svc.read_file(Path(code)) for code in forms}
        paths = {v.name: write(v, folder) for v in edited + formatting}
        t0 = time.perf_counter()
        results = {
            v.name: svc.compare_texts(templates[v.form], svc.read_file(paths[v.name])).as_json()
            for v in edited + formatting
        }
        t_ours = time.perf_counter() - t0
        t0 = time.perf_counter()
        baseline = {
            v.name: line_diff(forms[v.form][1], _baseline_lines(v, paths[v.name]))
            for v in edited + formatting
        }
        t_base = time.perf_counter() - t0

    hits = cat_ok = cat_n = extra = base_hits = 0
    by_category: dict[str, list[int]] = {}
    misses = []
    for v in edited:
        assert v.edit is not None
        devs = results[v.name]["deviations"]
        assert isinstance(devs, list)
        d = detected(v.edit, devs)
        row = by_category.setdefault(f"{v.edit.kind}/{v.edit.category}", [0, 0, 0])
        row[0] += 1
        extra += len(devs) - (1 if d else 0)
        touched, added = baseline[v.name]
        found_added = v.edit.kind == "added" and any(v.edit.clause[:40] in ln for ln in added)
        if found_added or v.edit.clause in touched:
            base_hits += 1
        if d is None:
            got = [(x["clause"], x["kind"], x["category"]) for x in devs]
            misses.append(f"MISS {v.name}: {v.edit} got {got}")
            continue
        hits += 1
        row[1] += 1
        if v.edit.kind == "changed":
            cat_n += 1
            ok = d["category"] == v.edit.category
            cat_ok += ok
            row[2] += ok
            if not ok:
                misses.append(f"CATEGORY {v.name}: {v.edit.category} got {d['category']} ({d['reason']})")
    false_ours = sum(len(results[v.name]["deviations"]) for v in formatting)  # type: ignore[arg-type]
    false_base = sum(len(baseline[v.name][0]) + len(baseline[v.name][1]) for v in formatting)
    recall, base_recall = hits / len(edited), base_hits / len(edited)
    n_files = len(edited) + len(formatting)
    print(
        f"contract comparison: {len(forms)} forms, {len(edited)} edited files (one labelled edit each), "
        f"{len(formatting)} formatting-only files, seed {args.seed}"
    )
    print(f"{'edit':<24}{'files':>6}{'found':>7}{'category ok':>13}")
    for key in sorted(by_category):
        n, found, ok = by_category[key]
        print(f"{key:<24}{n:>6}{found:>7}{ok if key.startswith('changed') else '-':>13}")
    print(
        f"recall of edits (clause level): {recall:.3f}   difflib line diff: {base_recall:.3f}   "
        f"goal >= {RECALL_GOAL}"
    )
    print(
        f"category accuracy (changed clauses found): {cat_ok}/{cat_n} = {cat_ok / max(cat_n, 1):.3f}   "
        "difflib: none (a line diff has no categories)"
    )
    print(f"other deviations reported on edited files: {extra}")
    print(
        f"false deviations on formatting-only files: {false_ours}   difflib line diff: {false_base}   "
        f"goal <= {FALSE_DEVIATIONS_GOAL}"
    )
    print(
        f"time: {t_ours / n_files * 1e3:.1f} ms per file (read + compare)   "
        f"difflib {t_base / n_files * 1e3:.2f} ms per file (ratio {t_ours / max(t_base, 1e-9):.0f}x)"
    )
    if args.show_misses:
        print("\n".join(misses))
        for v in formatting:
            for d in results[v.name]["deviations"]:  # type: ignore[union-attr]
                print(f"FALSE {v.name}: {d['clause']} {d['kind']} {d['category']}")  # type: ignore[index]
    ok = recall >= RECALL_GOAL and false_ours <= FALSE_DEVIATIONS_GOAL
    print("goals met" if ok else "GOAL MISSED")
    return 0 if ok else 1


def _baseline_lines(v: Variant, path: Path) -> list[str]:
    if v.as_docx:
        return [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()]


if __name__ == "__main__":
    sys.exit(main())
