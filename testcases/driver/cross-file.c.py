# Checks the SARIF of cross-file.c field by field (run by lit).
import json, sys

doc = json.load(open(sys.argv[1]))
assert doc["version"] == "2.1.0", doc["version"]
assert "sarif-2.1.0" in doc["$schema"]
run = doc["runs"][0]
driver = run["tool"]["driver"]
assert driver["name"] == "lockwarden"
rules = [r["id"] for r in driver["rules"]]
for check in ["sleep-under-lock", "unguarded-access", "immutable-write", "rcu-access",
              "atomic-access", "lock-imbalance", "needless-lock", "bad-annotation"]:
    assert check in rules, check
results = run["results"]
assert len(results) == 2, len(results)
r = results[0]
assert r["ruleId"] == "sleep-under-lock"
assert rules[r["ruleIndex"]] == "sleep-under-lock"
assert r["level"] == "warning"
assert r["message"]["text"] == "call to 'process_stop' may block while holding driver lock 'd->lock'"
loc = r["locations"][0]["physicalLocation"]
assert loc["artifactLocation"]["uri"] == "api.c", loc
assert loc["region"]["startLine"] == 6 and loc["region"]["startColumn"] == 2
assert len(r["partialFingerprints"]["lockwarden/v1"]) == 64
related = r["relatedLocations"]
assert any(x["message"]["text"] == "'d->lock' acquired here" and
           x["physicalLocation"]["region"]["startLine"] == 5 for x in related), related
flow = [l["location"] for l in r["codeFlows"][0]["threadFlows"][0]["locations"]]
uris = [l["physicalLocation"]["artifactLocation"]["uri"] for l in flow]
assert "process.c" in uris and "conf.c" in uris, uris
msgs = [l["message"]["text"] for l in flow]
assert "'usleep' blocks here (sleep)" in msgs, msgs
# the two static helpers are two functions: the second result is in helper2.c
assert results[1]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "helper2.c"
print("sarif ok")
