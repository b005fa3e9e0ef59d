#!/usr/bin/env python3
"""Validates marcaudit JSON reports against docs/report-schema.json.

usage: validate.py SCHEMA REPORT...   exit 0 all valid, 1 one is not, 77 no jsonschema module
(Debian package python3-jsonschema; `scripts/bootstrap --test` installs it).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("SKIPPED: the Python module jsonschema is not installed (Debian package python3-jsonschema)")
    sys.exit(77)

schema = json.load(open(sys.argv[1], encoding="utf-8"))
validator = jsonschema.Draft202012Validator(schema)
failed = False
for path in sys.argv[2:]:
    report = json.load(open(path, encoding="utf-8"))
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
    for e in errors[:10]:
        print(f"{path}: {'/'.join(str(p) for p in e.path)}: {e.message}")
    failed = failed or bool(errors)
    # Top-level keys in the order the schema lists them.
    order = list(schema["properties"])
    keys = [k for k in report if k in order]
    if keys != sorted(keys, key=order.index):
        print(f"{path}: top-level keys out of the schema's order: {keys}")
        failed = True
    print(f"{path}: {'INVALID' if errors else 'valid'}")
sys.exit(1 if failed else 0)
