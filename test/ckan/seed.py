"""Seeds a fresh CKAN through its HTTP API and writes the env file the real suites read.

Run by start.sh once the server answers. Input (environment, so tokens stay out of `ps`):
  CKAN_URL, SCHEMING_URL, SOLR_BASE_URL, SYSADMIN_NAME, SYSADMIN_TOKEN, ENV_FILE.
The versions written are the ones the running servers report (status_show, Solr's system info),
not the ones asked for, so the summary line cannot claim a version that did not run.
Creates org-a and org-b, an editor of org-a and a member of org-b, an API token for each,
and writes ENV_FILE in the contract shape (see test/ckan/README.md).
Only the standard library: it runs with the CKAN venv's Python or any Python 3.
"""
import json
import os
import sys
import urllib.error
import urllib.request

URL = os.environ["CKAN_URL"].rstrip("/")
# The second server (same database) with ckanext-scheming and the shipped Satu Data schema.
SCHEMING_URL = os.environ["SCHEMING_URL"].rstrip("/")
ADMIN_TOKEN = os.environ["SYSADMIN_TOKEN"]

ORGS = [("org-a", "Organisasi A"), ("org-b", "Organisasi B")]
# (user name, org, capacity): the editor may write in org-a; the member may only read org-b.
USERS = [("editor-a", "org-a", "editor"), ("member-b", "org-b", "member")]


def action(name, payload):
    """POST one CKAN action as the sysadmin; return `result` or exit with CKAN's error."""
    req = urllib.request.Request(
        f"{URL}/api/3/action/{name}",
        data=json.dumps(payload).encode("utf-8"),
        headers={"Content-Type": "application/json", "Authorization": ADMIN_TOKEN},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            body = json.load(res)
    except urllib.error.HTTPError as err:
        # CKAN's error body says what was wrong (validation, auth); never echo the token.
        sys.exit(f"seed: {name} failed with HTTP {err.code}: {err.read().decode('utf-8', 'replace')[:500]}")
    if not body.get("success"):
        sys.exit(f"seed: {name} failed: {body.get('error')}")
    return body["result"]


def get_json(url):
    with urllib.request.urlopen(url, timeout=30) as res:
        return json.load(res)


def running_versions():
    ckan = get_json(f"{URL}/api/3/action/status_show")["result"]["ckan_version"]
    info = get_json(os.environ["SOLR_BASE_URL"].rstrip("/") + "/admin/info/system?wt=json")
    return ckan, info["lucene"]["solr-spec-version"]


def check_plugins():
    """Fails the start when the DataStore or scheming is not there (a test would fail later, less clearly)."""
    info = get_json(f"{URL}/api/3/action/datastore_search?resource_id=_table_metadata&limit=0")
    if not info.get("success"):
        sys.exit(f"seed: the DataStore does not answer: {info}")
    schema = get_json(f"{SCHEMING_URL}/api/3/action/scheming_dataset_schema_show?type=dataset")["result"]
    if not any(f["field_name"] == "frekuensi_penerbitan" for f in schema["dataset_fields"]):
        sys.exit("seed: the scheming server does not serve the Satu Data schema")


def main():
    ckan_version, solr_version = running_versions()
    check_plugins()
    for org, title in ORGS:
        action("organization_create", {"name": org, "title": title})
    people = {}
    for user, org, role in USERS:
        action("user_create", {
            "name": user,
            "email": f"{user}@example.test",
            # Only for the throw-away instance; nobody logs in with it.
            "password": f"{user}-Pass-12345",
        })
        action("organization_member_create", {"id": org, "username": user, "role": role})
        token = action("api_token_create", {"user": user, "name": "satudata-tests"})["token"]
        people[role] = {"name": user, "token": token, "org": org}

    env = {
        "url": URL,
        "schemingUrl": SCHEMING_URL,
        "ckanVersion": ckan_version,
        "solrVersion": solr_version,
        "sysadmin": {"name": os.environ["SYSADMIN_NAME"], "token": ADMIN_TOKEN},
        "orgs": [org for org, _ in ORGS],
        "editor": people["editor"],
        "member": people["member"],
    }
    path = os.environ["ENV_FILE"]
    tmp = path + ".tmp"
    # Tokens are secrets even on a test box: owner-only file.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(env, f, indent=2)
        f.write("\n")
    os.replace(tmp, path)


if __name__ == "__main__":
    main()
