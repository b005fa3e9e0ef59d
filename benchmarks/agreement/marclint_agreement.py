#!/usr/bin/env python3
"""Cross-check marcaudit's marc21 findings against Perl's MARC::Lint on the same files.

For the checks both tools perform (indicator values, subfield codes, repeatability of tags and
subfields, control-field subfields, control characters, 1XX count, missing 245, 880 without $6,
245 leading articles) it prints an agreement table and every kind of disagreement, each with
the reason found for it:

  * MARC 21 changed and MARC::Lint's table is older (an element defined, made repeatable, or
    made obsolete since), judged by comparing our tables (rules/marc21/*.toml) with MARC::Lint's;
  * a documented choice of ours (docs/rules/<id>.md), e.g. $9 left to local use;
  * the checks differ in scope (e.g. MARC::Lint skips tags its table lacks).

Kinds with no reason are listed as UNEXPLAINED; --strict exits 1 when there are any. Exits 77
(skipped) when the corpus or MARC::Lint is missing; the test suite runs it that way.

Usage: benchmarks/agreement/marclint_agreement.py [--marcaudit BIN] [--strict] FILE_OR_DIR...
Default input: the UTF-8 files in $MARCAUDIT_CORPUS/bib, else ../shared/corpus/bib. Needs marclint's Perl modules
(Debian libmarc-lint-perl) and python3 >= 3.11 (tomllib).
"""

import argparse
import collections
import glob
import json
import os
import re
import subprocess
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
SKIP = 77  # what ctest's SKIP_RETURN_CODE expects
ROOT = os.path.dirname(os.path.dirname(HERE))


def load_our_tables():
    fields = {}
    for path in sorted(glob.glob(os.path.join(ROOT, "rules", "marc21", "bibliographic-*.toml"))):
        with open(path, "rb") as f:
            doc = tomllib.load(f)
        fields.update(doc.get("fields", {}))
    return fields


def load_lint_tables():
    out = subprocess.run(["perl", os.path.join(HERE, "lint_rules.pl")], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def lint_findings(path):
    """(record, tag, category, detail) keys from MARC::Lint, plus messages for examples."""
    out = subprocess.run(["perl", os.path.join(HERE, "lint_records.pl"), path], capture_output=True,
                         text=True, errors="replace")
    keys = {}
    for line in out.stdout.splitlines():
        parts = line.split("\t", 2)
        if len(parts) != 3:
            continue
        rec, tag, msg = int(parts[0]), parts[1], parts[2]
        key = None
        if m := re.match(r"Indicator (\d) must be", msg):
            key = (rec, tag, "indicator", "ind" + m.group(1))
        elif m := re.match(r"Subfield _(.) is not allowed", msg):
            key = (rec, tag, "subfield-undefined", "$" + m.group(1))
        elif m := re.match(r"Subfield _(.) is not repeatable", msg):
            key = (rec, tag, "subfield-not-repeatable", "$" + m.group(1))
        elif msg.startswith("Field is not repeatable"):
            key = (rec, tag, "tag-not-repeatable", "")
        elif msg.startswith("Subfields are not allowed in fields lower than 010"):
            key = (rec, tag, "control-field-subfields", "")
        elif m := re.match(r"Subfield _(.) has an invalid control character", msg):
            key = (rec, tag, "control-character", "")
        elif msg.startswith("Only one 1XX tag is allowed"):
            key = (rec, "1XX", "main-entry-repeated", "")
        elif msg.startswith("No 245 tag"):
            key = (rec, "245", "title-missing", "")
        elif msg.startswith("No subfield 6"):
            key = (rec, "880", "880-without-6", "")
        elif msg.startswith("Must have a subfield _a") or re.match(r"First subfield (after subfield _6 )?must be _a", msg):
            key = (rec, tag, "title-subfield-a", "")
        elif msg.startswith("Non-filing indicator is non-numeric"):
            key = (rec, tag, "indicator", "ind2")
        elif re.match(r"First word, .*(may be an article|does not appear to be an article)", msg):
            key = (rec, "245", "leading-article", "ind2")
        else:
            # Checks we do not compare: keep the tag and the message up to its data.
            kind = re.split(r",|\(| but |:", msg, maxsplit=1)[0].strip()
            key = (rec, tag, f"other:{tag}: {kind[:70]}", msg)
        keys.setdefault(key, msg)
    return keys


LINKED = re.compile(r"^880 \(other-script form of (\d{3})")


def our_findings(binary, path):
    out = subprocess.run([binary, "audit", "--no-progress", "--format", "json", path], capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"marcaudit failed on {path}: {out.stderr}")
    report = json.loads(out.stdout)
    keys = {}
    for f in report["findings"]:
        rule, rec, tag, pos, msg = f["rule"], f["record"], f["tag"], f.get("position", ""), f["message"]
        if tag == "880" and (m := LINKED.match(msg)):
            tag = m.group(1)  # MARC::Lint reports an 880 under the tag its $6 names
        key = None
        if rule == "marc21-indicator-invalid" or (rule == "marc21-obsolete" and pos.startswith("ind")):
            key = (rec, tag, "indicator", pos)
        elif rule == "marc21-subfield-undefined" or (rule == "marc21-obsolete" and pos.startswith("$")):
            key = (rec, tag, "subfield-undefined", pos)
        elif rule == "marc21-subfield-not-repeatable":
            key = (rec, tag, "subfield-not-repeatable", pos.split("[")[0])
        elif rule == "marc21-tag-not-repeatable":
            key = (rec, tag, "tag-not-repeatable", "")
        elif rule == "marc21-control-field-subfields":
            key = (rec, tag, "control-field-subfields", "")
        elif rule == "marc21-control-character":
            key = (rec, tag, "control-character", "")
        elif rule == "marc21-main-entry-repeated":
            key = (rec, "1XX", "main-entry-repeated", "")
        elif rule == "marc21-title-missing":
            key = (rec, "245", "title-missing", "")
        elif rule == "marc21-linkage-880" and f["tag"] == "880" and "has no $6" in msg:
            key = (rec, "880", "880-without-6", "")
        elif rule == "marc21-title-subfield-a":
            key = (rec, "245", "title-subfield-a", "")
        elif rule == "marc21-nonfiling-indicator" and tag == "245":
            key = (rec, "245", "leading-article", "ind2")
        if key:
            keys.setdefault(key, msg)
    return keys


def explain(side, category, tag, detail, msg, ours, lint):
    """Why the tools disagree on this kind of finding, or None."""
    o = ours.get(tag)
    l = lint.get(tag)
    if side == "ours" and l is None and o is not None:
        if o.get("obsolete"):
            return (f"{tag} is obsolete in MARC 21 (we also report marc21-obsolete); MARC::Lint's table leaves "
                    "obsolete tags out and skips them")
        return f"MARC::Lint's table lacks {tag} ({o.get('name')}) and skips it"
    if side == "lint" and o is not None and o.get("obsolete") and category != "title-missing":
        return (f"{tag} is obsolete in MARC 21: we report the field once as marc21-obsolete and do not judge "
                "its indicators, subfields or repetition (docs/rules/marc21-obsolete.md)")
    if category == "tag-not-repeatable" and side == "lint" and tag.startswith("1"):
        return "a repeated 1XX is reported once per record as marc21-main-entry-repeated (the main-entry-repeated row)"
    if category == "subfield-undefined":
        code = detail[1:]
        osf = (o or {}).get("subfields", {}).get(code)
        lsf = (l or {}).get("subfields", {}).get(code)
        if side == "lint":
            if code == "9":
                return "our choice: $9 is left to local use (docs/rules/marc21-subfield-undefined.md)"
            if osf and not osf.get("obsolete"):
                return f"MARC 21 defines {tag} ${code} ({osf['name']}); MARC::Lint's older table lacks it"
            if osf and osf.get("obsolete"):
                return f"{tag} ${code} is obsolete: MARC::Lint says 'not allowed', we report marc21-obsolete"
            if o is None:
                return f"{tag} is not in our tables (we report the tag as marc21-tag-undefined instead)"
        else:
            if osf and osf.get("obsolete") and lsf:
                return f"MARC 21 made {tag} ${code} obsolete (marc21-obsolete, a warning); MARC::Lint still allows it"
            if l is None:
                return f"MARC::Lint has no table for {tag} and skips it"
            if not osf and lsf:
                return f"MARC::Lint's table allows {tag} ${code}, our tables do not list it: check against LC"
    if category == "indicator" and side == "ours" and ("before its first subfield" in msg or "has no subfields" in msg):
        return ("we check that a field has exactly two indicators before its first subfield; MARC::Lint's reader "
                "takes the first two bytes as indicators and drops the rest unseen")
    if category == "indicator":
        which = detail
        value = re.search(r"(?:is|indicator) (?:'(.)'|blank)", msg)
        if side == "lint":
            m = re.search(r'but it\'s "(.)"', msg)
            ch = m.group(1) if m else None
            if o is None:
                return f"{tag} is not in our tables (we report the tag as marc21-tag-undefined instead)"
            if ch is not None:
                allowed = o.get(which, "")
                if ("#" if ch == " " else ch) in allowed:
                    return f"MARC 21 defines {tag} {which} '{ch}'; MARC::Lint's older table lacks it"
                if ("#" if ch == " " else ch) in o.get(which + "_obsolete", ""):
                    return f"{tag} {which} '{ch}' is obsolete: MARC::Lint says invalid, we report marc21-obsolete"
        else:
            if l is None:
                return f"MARC::Lint has no table for {tag} and skips it"
            if "obsolete" in msg:
                return f"MARC 21 made this {tag} {which} value obsolete (marc21-obsolete); MARC::Lint still allows it"
            return None
    if category == "tag-not-repeatable":
        if side == "lint" and o is not None and o.get("repeatable"):
            return f"MARC 21 made {tag} repeatable; MARC::Lint's table still says NR"
        if side == "ours" and l is None:
            return f"MARC::Lint has no table for {tag} and skips it"
        if side == "ours" and l is not None and l.get("repeatable") == "R":
            return f"MARC::Lint's table says {tag} is repeatable, ours does not: check against LC"
    if category == "subfield-not-repeatable":
        code = detail[1:]
        osf = (o or {}).get("subfields", {}).get(code)
        lsf = (l or {}).get("subfields", {}).get(code)
        if side == "lint" and osf and osf.get("repeatable"):
            return f"MARC 21 made {tag} ${code} repeatable; MARC::Lint's table still says NR"
        if side == "ours" and lsf == "R":
            return f"MARC::Lint's table says {tag} ${code} is repeatable, ours does not: check against LC"
        if side == "ours" and l is None:
            return f"MARC::Lint has no table for {tag} and skips it"
    if category == "leading-article":
        if side == "lint":
            return ("MARC::Lint guesses articles in any language from a fixed word list and asks to check every "
                    "other first word; we judge by MARC 21 Appendix F for the record's languages (008/35-37, "
                    "041), and leave numerals, uniform titles at 0 and languages Appendix F lacks alone "
                    "(docs/rules/marc21-nonfiling-indicator.md)")
        return ("we also flag an indicator that skips characters of a title with no article; MARC::Lint "
                "checks only its article word list (docs/rules/marc21-nonfiling-indicator.md)")
    if category == "main-entry-repeated" and side == "ours":
        return "MARC::Lint counts 1XX only for tags in its table"
    if category == "control-character":
        return ("MARC::Lint looks only for tab, CR and LF in subfields; we flag every C0 control character "
                "and DEL in any field (docs/rules/marc21-control-character.md)")
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="*")
    ap.add_argument("--marcaudit", default=os.path.join(ROOT, "build", "release", "marcaudit"))
    ap.add_argument("--strict", action="store_true", help="exit 1 when a disagreement has no explanation")
    ap.add_argument("--examples", type=int, default=1)
    args = ap.parse_args()
    if not os.path.exists(args.marcaudit):
        alt = os.path.join(ROOT, "build", "dev", "marcaudit")
        args.marcaudit = alt if os.path.exists(alt) else args.marcaudit
    corpus = os.environ.get("MARCAUDIT_CORPUS") or os.path.join(ROOT, "..", "shared", "corpus")
    inputs = args.inputs or [os.path.join(corpus, "bib")]
    files = []
    for i in inputs:
        if os.path.isdir(i):
            files += sorted(p for p in glob.glob(os.path.join(i, "*.mrc")) if "utf8" in os.path.basename(p))
        elif os.path.isfile(i):
            files.append(i)
    if not files:
        print("SKIPPED: no input files (the corpus is in ../shared/corpus/bib)")
        return SKIP
    if subprocess.run(["perl", "-MMARC::Lint", "-e", "1"], capture_output=True).returncode != 0:
        print("SKIPPED: Perl's MARC::Lint is not installed (Debian package libmarc-lint-perl)")
        return SKIP

    ours_tables, lint_tables = load_our_tables(), load_lint_tables()
    stats = collections.defaultdict(lambda: [0, 0, 0])  # category → both, lint only, ours only
    kinds = collections.defaultdict(lambda: [0, None, None])  # (side, cat, tag, detail) → count, example, reason
    other = collections.Counter()
    records = 0
    for path in files:
        lint = lint_findings(path)
        ours = our_findings(args.marcaudit, path)
        name = os.path.basename(path)
        records += max([k[0] for k in list(lint) + list(ours)] + [0])
        for key, msg in lint.items():
            if key[2].startswith("other:"):
                other[key[2]] += 1
                continue
            if key in ours:
                stats[key[2]][0] += 1
            else:
                stats[key[2]][1] += 1
                k = kinds[("lint", key[2], key[1], key[3])]
                k[0] += 1
                k[1] = k[1] or f"{name} #{key[0]}: {msg}"
                k[2] = k[2] or explain("lint", key[2], key[1], key[3], msg, ours_tables, lint_tables)
        for key, msg in ours.items():
            if key not in lint:
                stats[key[2]][2] += 1
                k = kinds[("ours", key[2], key[1], key[3])]
                k[0] += 1
                k[1] = k[1] or f"{name} #{key[0]}: {msg}"
                k[2] = k[2] or explain("ours", key[2], key[1], key[3], msg, ours_tables, lint_tables)

    print(f"MARC::Lint vs marcaudit on {len(files)} files (UTF-8 bibliographic corpus)\n")
    print(f"{'check':<26} {'both':>6} {'Lint only':>10} {'ours only':>10} {'agreement':>10}")
    tot = [0, 0, 0]
    for cat in sorted(stats):
        b, l, o = stats[cat]
        tot = [tot[0] + b, tot[1] + l, tot[2] + o]
        print(f"{cat:<26} {b:>6} {l:>10} {o:>10} {100.0 * b / max(1, b + l + o):>9.1f}%")
    b, l, o = tot
    print(f"{'all compared checks':<26} {b:>6} {l:>10} {o:>10} {100.0 * b / max(1, b + l + o):>9.1f}%")
    print("\n(counted per record, tag, check and indicator/subfield; a finding both report once per record)")

    unexplained = 0
    print("\nDisagreements by kind (count, side, check, tag, detail → reason):")
    for (side, cat, tag, detail), (n, example, reason) in sorted(kinds.items(), key=lambda kv: (-kv[1][0], kv[0])):
        who = "MARC::Lint only" if side == "lint" else "marcaudit only"
        if reason is None:
            unexplained += n
        print(f"  {n:>5}  {who:<15} {cat:<24} {tag} {detail}")
        print(f"         {'UNEXPLAINED' if reason is None else reason}")
        if args.examples:
            print(f"         e.g. {example[:150]}")
    print("\nMARC::Lint checks marcaudit does not (yet) perform, not compared:")
    for k, n in other.most_common():
        print(f"  {n:>5}  {k[6:]}")
    print(f"\nunexplained disagreements: {unexplained}")
    return 1 if args.strict and unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
