"""Validate differential cases with frictionless-py in ONE process (test/differential/harness.js).

stdin: a JSON list of {"dir": ..., "target": ..., "schema": ... | null}
stdout: one JSON object {"<dir>": [[rowNumber, fieldNumber, type], ...] | {"exception": "..."}}
Triples: the package/top-level errors first (as [null, null, type]), then each task's errors in order,
as the conformance fixtures record `frictionless validate --json`.
"""
import json
import os
import sys
import warnings

warnings.simplefilter("ignore")
import frictionless  # noqa: E402


def triples(report):
    out = [[None, None, e.type] for e in report.errors]
    for task in report.tasks:
        for e in task.errors:
            out.append([getattr(e, "row_number", None), getattr(e, "field_number", None), e.type])
    return out


def main():
    cases = json.load(sys.stdin)
    results = {}
    home = os.getcwd()
    for case in cases:
        os.chdir(case["dir"])
        try:
            if case.get("schema"):
                report = frictionless.validate(case["target"], schema=case["schema"], limit_errors=100000)
            else:
                report = frictionless.validate(case["target"], limit_errors=100000)
            results[case["dir"]] = triples(report)
        except Exception as exc:  # a crash is a result too: it is compared and reported
            results[case["dir"]] = {"exception": "%s: %s" % (type(exc).__name__, exc)}
        finally:
            os.chdir(home)
    json.dump(results, sys.stdout)


if __name__ == "__main__":
    main()
