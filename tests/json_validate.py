#!/usr/bin/env python3
# json_validate.py -- the JSON outputs of faultline against their schemas
# (schemas/check.schema.json, whatif.schema.json, diff.schema.json) with
# python3-jsonschema.
#
# Checks every JSON document among the golden CLI tests (tests/golden/*/
# whose args ask for --format json; the schema is chosen by the command)
# and the outputs of a few fresh runs of $FAULTLINE over the bundled and
# test inventories, each:
#   - valid against its schema;
#   - valid against a strict copy of it, where every object that the
#     published schema leaves open to later keys ("additionalProperties":
#     true) is closed, so a key faultline writes but the schema does not
#     document fails here;
#   - with its keys in the documented order, and its lists of ids and refs
#     sorted in byte order without duplicates.
# Together the documents must show every rule, a waived, a baselined and a
# file-less finding, so the schemas' conditional parts meet real output.
# Then mutated documents (a finding without "rule", a service kind in
# single_points, ...) must each be rejected, so this test can fail.
#
# Exits 0 when all is well, 1 when something is not, 77 (skipped, for
# automake) when everything that needs no jsonschema passed but
# python3-jsonschema is not installed, 99 on a hard error.
import copy
import glob
import json
import os
import subprocess
import sys

try:
    import jsonschema
except ImportError:
    jsonschema = None

srcdir = os.environ.get("FAULTLINE_SRCDIR") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..")
faultline = os.environ.get("FAULTLINE")
if not faultline:
    print("json_validate: FAULTLINE must name the binary")
    sys.exit(99)

COMMANDS = ("check", "whatif", "diff")
RULES = ("spof", "single-site-tool", "recovery-blocked", "failover-loop",
         "cycle", "tier-inversion", "waiver-expired", "schema")

# Fresh runs: (label, args, extra environment, expected exit status).
# They are run from the source tree, as the golden tests are.
SDE = {"SOURCE_DATE_EPOCH": "1795564800"}       # 2026-11-24
FRESH = [
    ("check example", ["check", "inventories/example"], SDE, 1),
    ("check kakao-2022", ["check", "inventories/kakao-2022"], SDE, 1),
    ("check example in 2100 (waivers expired)",
     ["check", "inventories/example"], {"SOURCE_DATE_EPOCH": "4102444800"},
     1),
    ("check against a baseline",
     ["check", "tests/data/ci/new", "--baseline", "tests/data/ci/old.json"],
     SDE, 1),
    ("check of a missing path", ["check", "tests/data/no-such-inventory"],
     SDE, 2),
    ("whatif kakao-2022 site:pangyo",
     ["whatif", "inventories/kakao-2022", "--fail", "site:pangyo"], SDE, 0),
    ("whatif example service:login site:east",
     ["whatif", "inventories/example", "--fail", "login", "--fail",
      "site:east"], SDE, 0),
    ("diff ci new old", ["diff", "tests/data/ci/new", "tests/data/ci/old"],
     SDE, 0),
    ("diff example kakao-2022",
     ["diff", "inventories/example", "inventories/kakao-2022"], SDE, 1),
]

failures = []
quiet = False       # while checking that a checker catches a mutation


def fail(where, what):
    failures.append("%s: %s" % (where, what))
    if not quiet:
        print("FAIL: %s: %s" % (where, what))


def load_schema(command):
    path = os.path.join(srcdir, "schemas", command + ".schema.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def strict(schema):
    """A copy of schema with every open object closed."""
    if isinstance(schema, dict):
        out = {}
        for k, v in schema.items():
            if k == "additionalProperties" and v is True:
                out[k] = False
            else:
                out[k] = strict(v)
        return out
    if isinstance(schema, list):
        return [strict(v) for v in schema]
    return schema


def resolve(schema, root):
    while isinstance(schema, dict) and "$ref" in schema:
        ref = schema["$ref"]
        if not ref.startswith("#/$defs/"):
            raise ValueError("unexpected $ref " + ref)
        schema = root["$defs"][ref[len("#/$defs/"):]]
    return schema


def key_order(doc, schema, root, where):
    """Keys in the order of the schema's properties, recursively."""
    schema = resolve(schema, root)
    if not isinstance(schema, dict):
        return
    if isinstance(doc, dict) and "properties" in schema:
        props = list(schema["properties"])
        got = [k for k in doc if k in props]
        want = [k for k in props if k in doc]
        if got != want:
            fail(where, "keys %s, documented order %s" % (got, want))
        for k in got:
            key_order(doc[k], schema["properties"][k], root,
                      "%s/%s" % (where, k))
    elif isinstance(doc, list) and "items" in schema:
        for i, item in enumerate(doc):
            key_order(item, schema["items"], root, "%s/%d" % (where, i))


def sorted_unique(v, where):
    if not isinstance(v, list) or not all(isinstance(s, str) for s in v):
        return
    if v != sorted(set(v), key=lambda s: s.encode("utf-8")):
        fail(where, "not sorted in byte order without duplicates: %s" % v)


def invariants(command, doc, where):
    """What the schemas say in words: sorted lists."""
    if not isinstance(doc, dict):
        return
    if command == "check":
        services = doc.get("services") or []
        sorted_unique([s.get("id") for s in services], where + "/services")
        for i, s in enumerate(services):
            sorted_unique(s.get("single_points"),
                          "%s/services/%d/single_points" % (where, i))
        sections = [("findings", doc.get("findings") or [])]
    elif command == "whatif":
        sorted_unique(doc.get("failed"), where + "/failed")
        for k, v in (doc.get("services") or {}).items():
            sorted_unique(v, "%s/services/%s" % (where, k))
        sections = []
    else:
        sections = [(k, doc.get(k) or [])
                    for k in ("new", "resolved", "unchanged")]
    for name, findings in sections:
        for i, f in enumerate(findings):
            sorted_unique(f.get("implied"),
                          "%s/%s/%d/implied" % (where, name, i))


def golden_documents():
    docs = []
    for argsfile in sorted(glob.glob(os.path.join(srcdir, "tests", "golden",
                                                  "*", "args"))):
        case = os.path.basename(os.path.dirname(argsfile))
        with open(argsfile, encoding="utf-8") as f:
            args = f.read().splitlines()
        json_format = any(a == "--format=json" or
                          (a == "--format" and i + 1 < len(args) and
                           args[i + 1] == "json")
                          for i, a in enumerate(args))
        if not json_format:
            continue
        where = "golden " + case
        command = args[0] if args else ""
        if command not in COMMANDS:
            fail(where, "no schema for JSON output of command '%s'" %
                 command)
            continue
        with open(os.path.join(os.path.dirname(argsfile), "stdout"),
                  encoding="utf-8") as f:
            text = f.read()
        if text == "":
            print("%s: no JSON on stdout (an error or -o), nothing to "
                  "check" % where)
            continue
        docs.append((command, where, text))
    return docs


def fresh_documents():
    docs = []
    for label, args, env_extra, status in FRESH:
        where = "fresh " + label
        env = dict(os.environ)
        env["LC_ALL"] = "C"
        env.pop("NO_COLOR", None)
        env.update(env_extra)
        run = subprocess.run([faultline] + args + ["--format", "json"],
                             cwd=srcdir, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        if run.returncode != status:
            fail(where, "exit status %d, expected %d; stderr: %s" %
                 (run.returncode, status,
                  run.stderr.decode("utf-8", "replace").strip()))
            continue
        docs.append((args[0], where, run.stdout.decode("utf-8")))
    return docs


def coverage(parsed):
    """The documents must meet every part of the schemas."""
    seen = {c: 0 for c in COMMANDS}
    rules = set()
    waived = baselined = fileless = False
    for command, where, doc in parsed:
        seen[command] += 1
        if command == "check":
            findings = doc.get("findings", [])
        elif command == "diff":
            findings = (doc.get("new", []) + doc.get("resolved", []) +
                        doc.get("unchanged", []))
        else:
            continue
        for f in findings:
            rules.add(f.get("rule"))
            waived = waived or f.get("waived") is True
            baselined = baselined or f.get("baselined") is True
            fileless = fileless or f.get("file", "") is None
    for c in COMMANDS:
        if seen[c] == 0:
            fail("coverage", "no %s document to check" % c)
    for r in RULES:
        if r not in rules:
            fail("coverage", "no finding of rule %s in any document" % r)
    for ok, what in ((waived, "waived"), (baselined, "baselined"),
                     (fileless, "file-less")):
        if not ok:
            fail("coverage", "no %s finding in any document" % what)


def find(findings, pred, what):
    for f in findings:
        if pred(f):
            return f
    raise LookupError("no finding that is " + what)


def mutations(base):
    """(command, label, mutated document) that the schemas must reject."""
    out = []

    def mutate(command, label, change):
        doc = copy.deepcopy(base[command])
        change(doc)
        out.append((command, label, doc))

    spof = lambda d: find(d["findings"], lambda f: f["rule"] == "spof",
                          "spof")
    unwaived = lambda d: find(d["findings"], lambda f: not f["waived"],
                              "not waived")
    waived = lambda d: find(d["findings"], lambda f: f["waived"], "waived")

    mutate("check", "a finding without rule",
           lambda d: d["findings"][0].pop("rule"))
    mutate("check", "an unknown rule",
           lambda d: d["findings"][0].update(rule="spoof"))
    mutate("check", "a service ref in single_points",
           lambda d: d["services"][0].update(single_points=["service:db"]))
    mutate("check", "an unknown kind in single_points",
           lambda d: d["services"][0].update(single_points=["pdu:a-1"]))
    mutate("check", "a bad id in single_points",
           lambda d: d["services"][0].update(single_points=["host:-x"]))
    mutate("check", "a duplicate in single_points",
           lambda d: d["services"][0].update(
               single_points=["site:a", "site:a"]))
    mutate("check", "a service without single_points",
           lambda d: d["services"][0].pop("single_points"))
    mutate("check", "tier 5", lambda d: d["services"][0].update(tier=5))
    mutate("check", "an unknown service kind",
           lambda d: d["services"][0].update(kind="database"))
    mutate("check", "a numeric cause",
           lambda d: d["findings"][0].update(cause=5))
    mutate("check", "a spof finding without a cause",
           lambda d: spof(d).update(cause=None))
    mutate("check", "a spof finding with a service cause",
           lambda d: spof(d).update(cause="service:db"))
    mutate("check", "a spof finding without a policy",
           lambda d: spof(d).update(policy=None))
    mutate("check", "a negative line",
           lambda d: d["findings"][0].update(line=-1))
    mutate("check", "a finding without a file but with a line",
           lambda d: d["findings"][0].update(file=None))
    mutate("check", "a service ref among implied causes",
           lambda d: spof(d).update(implied=["service:db"]))
    mutate("check", "severity never",
           lambda d: d["findings"][0].update(severity="never"))
    mutate("check", "waived without waiver_reason",
           lambda d: unwaived(d).update(waived=True))
    mutate("check", "waiver_reason on a finding not waived",
           lambda d: unwaived(d).update(waiver_reason="because"))
    mutate("check", "waived as a string",
           lambda d: waived(d).update(waived="true"))
    mutate("check", "baselined false",
           lambda d: d["findings"][0].update(baselined=False))
    mutate("check", "a summary without errors",
           lambda d: d["summary"].pop("errors"))
    mutate("check", "a negative count",
           lambda d: d["summary"].update(hosts=-1))
    mutate("check", "a root cause of no findings",
           lambda d: d["root_causes"][0].update(findings=0))
    mutate("check", "no root_causes", lambda d: d.pop("root_causes"))
    mutate("check", "format 2", lambda d: d.update(faultline=2))
    mutate("whatif", "no exposed list",
           lambda d: d["services"].pop("exposed"))
    mutate("whatif", "nothing failed", lambda d: d.update(failed=[]))
    mutate("whatif", "an unknown kind failed",
           lambda d: d.update(failed=["pdu:a-1"]))
    mutate("whatif", "a ref among service ids",
           lambda d: d["services"]["down"].append("service:gate"))
    mutate("diff", "no unchanged list", lambda d: d.pop("unchanged"))
    mutate("diff", "a baselined new finding",
           lambda d: d["new"][0].update(baselined=True))
    mutate("diff", "a new finding without message",
           lambda d: d["new"][0].pop("message"))
    return out


def checker_rejects(check, label):
    """Whether a checker that records failures records one."""
    global failures, quiet
    saved, failures, quiet = failures, [], True
    try:
        check()
        caught = len(failures) > 0
    finally:
        failures, quiet = saved, False
    if caught:
        print("mutation: %s: caught" % label)
    else:
        fail("mutation", "%s: not caught" % label)


def checker_mutations(schemas, base):
    """The order and sorting checks can fail too."""
    doc = copy.deepcopy(base["check"])
    f = doc["findings"][0]
    doc["findings"][0] = dict([("severity", f["severity"]),
                               ("rule", f["rule"])] +
                              [(k, v) for k, v in f.items()
                               if k not in ("rule", "severity")])
    checker_rejects(lambda: key_order(doc, schemas["check"],
                                      schemas["check"], "check"),
                    "check with severity before rule")
    doc = copy.deepcopy(base["check"])
    doc["services"].reverse()
    checker_rejects(lambda: invariants("check", doc, "check"),
                    "check with services in reverse order")
    doc = copy.deepcopy(base["whatif"])
    doc["services"]["down"].append(doc["services"]["down"][0])
    checker_rejects(lambda: invariants("whatif", doc, "whatif"),
                    "whatif with a service down twice")


def main():
    schemas = {c: load_schema(c) for c in COMMANDS}
    check_defs = schemas["check"]["$defs"]
    for c in ("whatif", "diff"):
        for name, d in schemas[c]["$defs"].items():
            if check_defs.get(name) != d:
                fail("schemas/%s.schema.json" % c,
                     "$defs/%s differs from check.schema.json's" % name)

    parsed = []
    for command, where, text in golden_documents() + fresh_documents():
        try:
            doc = json.loads(text)
        except ValueError as e:
            fail(where, "not JSON: %s" % e)
            continue
        key_order(doc, schemas[command], schemas[command], where)
        invariants(command, doc, where)
        parsed.append((command, where, doc))
    coverage(parsed)

    # The mutations start from these goldens.
    base = {}
    for command, where, doc in parsed:
        if where in ("golden check-example-json", "golden whatif-rules-json",
                     "golden ci-diff-json"):
            base[command] = doc
    if len(base) != len(COMMANDS):
        fail("mutations", "golden check-example-json, whatif-rules-json "
             "or ci-diff-json is missing")
        return 1
    checker_mutations(schemas, base)

    if jsonschema is None:
        for _, where, _ in parsed:
            print("%s: skipped: python3-jsonschema is not installed" %
                  where)
        if failures:
            return 1
        return 77

    validators = {}
    for c in COMMANDS:
        cls = jsonschema.Draft202012Validator
        cls.check_schema(schemas[c])
        validators[c] = (cls(schemas[c]), cls(strict(schemas[c])))

    for command, where, doc in parsed:
        ok = True
        for name, v in zip(("", "strict "), validators[command]):
            for e in sorted(v.iter_errors(doc), key=lambda e: list(e.path)):
                fail(where, "%s/%s: %s" % (
                    name, "/".join(str(p) for p in e.path), e.message))
                ok = False
        if ok:
            print("%s: valid against schemas/%s.schema.json" %
                  (where, command))

    try:
        mutated = mutations(base)
    except (LookupError, IndexError, KeyError) as e:
        fail("mutations", "the base documents lack what they mutate: %r" % e)
        return 1
    for command, label, doc in mutated:
        if validators[command][0].is_valid(doc):
            fail("mutation", "%s %s: accepted" % (command, label))
        else:
            print("mutation: %s %s: rejected" % (command, label))

    # An unknown key is allowed (later versions may add keys), except by
    # the strict copy that keeps the schemas complete.
    doc = copy.deepcopy(base["check"])
    doc["findings"][0]["added_later"] = 1
    doc["summary"]["added_later"] = 1
    if not validators["check"][0].is_valid(doc):
        fail("mutation", "check with an added key: rejected")
    elif validators["check"][1].is_valid(doc):
        fail("mutation", "check with an added key: accepted by the strict "
             "copy")
    else:
        print("mutation: check with an added key: accepted, and rejected "
              "by the strict copy")

    print("json_validate: %d documents, %d mutations, %d failures" %
          (len(parsed), len(mutated) + 4, len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
