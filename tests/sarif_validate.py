#!/usr/bin/env python3
# sarif_validate.py -- validate SARIF logs against the official SARIF 2.1.0
# JSON schema (tests/data/sarif-schema-2.1.0.json) with python3-jsonschema,
# and parse JUnit reports back with the standard library's XML parser.
#
# usage: sarif_validate.py [FILE.sarif|FILE.xml...]
# Without arguments, checks the goldens of the CI formats suite
# (tests/data/ci/*.sarif and *.xml), which that suite asserts byte for byte
# against what faultline writes, hostile names included.  Exits 0 when all
# are valid, 1 when one is not, 77 (skipped, for automake) when every XML
# file is well-formed but jsonschema is not installed.
import glob
import json
import os
import sys
import xml.dom.minidom

try:
    import jsonschema
except ImportError:
    jsonschema = None

srcdir = os.environ.get("FAULTLINE_SRCDIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..")
files = sys.argv[1:] or sorted(
    glob.glob(os.path.join(srcdir, "tests", "data", "ci", "*.sarif")) +
    glob.glob(os.path.join(srcdir, "tests", "data", "ci", "*.xml")))
if not files:
    print("sarif_validate: no files to check")
    sys.exit(1)

validator = None
if jsonschema is not None:
    with open(os.path.join(srcdir, "tests", "data",
                           "sarif-schema-2.1.0.json"), encoding="utf-8") as f:
        validator = jsonschema.Draft4Validator(json.load(f))

status = 0
skipped = False
for name in files:
    if name.endswith(".xml"):
        try:
            doc = xml.dom.minidom.parse(name)
        except Exception as e:
            print("%s: not well-formed XML: %s" % (name, e))
            status = 1
            continue
        print("%s: well-formed XML, %d test cases" %
              (name, len(doc.getElementsByTagName("testcase"))))
        continue
    if validator is None:
        print("%s: skipped: python3-jsonschema is not installed" % name)
        skipped = True
        continue
    with open(name, encoding="utf-8") as f:
        log = json.load(f)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    for e in errors:
        where = "/".join(str(p) for p in e.path)
        print("%s: /%s: %s" % (name, where, e.message))
    if errors:
        status = 1
    else:
        print("%s: valid SARIF 2.1.0" % name)
if status == 0 and skipped:
    sys.exit(77)
sys.exit(status)
