#!/usr/bin/env bash
# Installs what a real CKAN needs, idempotently; a second run only checks markers (seconds).
#   Debian: PostgreSQL, Redis, JDK + Maven, build tools for psycopg2, libmagic.
#   PyPI:   ckan[requirements]==$CKAN_VERSION into $CACHE/venv-$CKAN_VERSION (outside the repo), and
#           ckanext-scheming==$SCHEMING_VERSION into the same venv.
#   Maven:  solr-core + solr-test-framework $SOLR_VERSION, and our launcher compiled against them.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

APT_LOG="$LOGS/install-apt.log"
PIP_LOG="$LOGS/install-pip.log"
MVN_LOG="$LOGS/install-maven.log"

# Debian packages the scripts use (redis-tools: redis-cli for the readiness check; libpq-dev and
# build-essential: psycopg2 builds from source; libmagic1: python-magic at run time; chromium and
# fonts-dejavu-core: the headless screenshot of a resource page in test/cli/datastore.real.test.ts).
NEED=(postgresql redis-server redis-tools openjdk-17-jdk-headless maven libpq-dev build-essential libmagic1 curl chromium fonts-dejavu-core)

install_debian() {
  local missing=() pkg
  for pkg in "${NEED[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  pg_bin >/dev/null || missing+=(postgresql)
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages: present"
    return
  fi
  [ "$(id -u)" -eq 0 ] || die "missing Debian packages (${missing[*]}) and not root to install them"
  export DEBIAN_FRONTEND=noninteractive
  run_step "apt-get update" "$APT_LOG" apt-get update
  run_step "apt-get install ${missing[*]}" "$APT_LOG" apt-get install -y --no-install-recommends "${missing[@]}"
  pg_bin >/dev/null || die "PostgreSQL server binaries not found after install (see $APT_LOG)"
}

# CKAN 2.11.6 declares Requires-Python >=3.10 (classifiers 3.10–3.14); 3.11 (Debian 12 and the
# image's pyenv) is the one verified here, so it is tried first.
pick_python() {
  local cand
  for cand in "${SATUDATA_CKAN_PYTHON:-}" python3.11 python3 /usr/bin/python3; do
    [ -n "$cand" ] || continue
    command -v "$cand" >/dev/null 2>&1 || continue
    if "$cand" -c 'import sys, venv; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 13) else 1)' 2>/dev/null; then
      command -v "$cand"
      return
    fi
  done
  return 1
}

install_ckan() {
  local marker="$VENV/.satudata-installed"
  if [ -f "$marker" ] && [ -x "$VENV/bin/ckan" ]; then
    log "CKAN $CKAN_VERSION: present ($VENV)"
    return
  fi
  local py
  if ! py="$(pick_python)"; then
    # Debian's own Python 3.11 needs python3-venv for 'python3 -m venv'.
    run_step "apt-get install python3-venv python3-dev" "$APT_LOG" apt-get install -y python3-venv python3-dev
    py="$(pick_python)" || die "no Python 3.10–3.13 with venv found"
  fi
  rm -rf "$VENV"
  export PIP_CACHE_DIR="$CACHE/pip" PIP_DISABLE_PIP_VERSION_CHECK=1
  run_step "create venv with $py" "$PIP_LOG" "$py" -m venv "$VENV"
  run_step "pip upgrade pip/setuptools/wheel" "$PIP_LOG" "$VENV/bin/pip" install -U pip setuptools wheel
  # The [requirements] extra carries CKAN's pinned dependencies (psycopg2 builds from source).
  run_step "pip install ckan[requirements]==$CKAN_VERSION" "$PIP_LOG" \
    "$VENV/bin/pip" install "ckan[requirements]==$CKAN_VERSION"
  [ -f "$(ckan_schema)" ] || die "CKAN package has no config/solr/schema.xml (see $PIP_LOG)"
  echo "$CKAN_VERSION" >"$marker"
}

ckan_schema() {
  "$VENV/bin/python" -c 'import ckan, os; print(os.path.join(os.path.dirname(ckan.__file__), "config", "solr", "schema.xml"))'
}

# ckanext-scheming (the Satu Data schema in templates/ckan/ is tested with it). Its own marker, so a
# version bump reinstalls only this package.
install_scheming() {
  local marker="$VENV/.satudata-scheming-$SCHEMING_VERSION"
  if [ -f "$marker" ]; then
    log "ckanext-scheming $SCHEMING_VERSION: present"
    return
  fi
  export PIP_CACHE_DIR="$CACHE/pip" PIP_DISABLE_PIP_VERSION_CHECK=1
  run_step "pip install ckanext-scheming==$SCHEMING_VERSION" "$PIP_LOG" \
    "$VENV/bin/pip" install "ckanext-scheming==$SCHEMING_VERSION"
  rm -f "$VENV"/.satudata-scheming-*
  echo "$SCHEMING_VERSION" >"$marker"
}

# CKAN's generated config (all declared options, a random SECRET_KEY), made once per venv:
# start.sh only fills in ports and paths with ini.py instead of running the CKAN CLI twice more.
install_ini_template() {
  [ -s "$VENV/satudata-ckan.ini.template" ] && return
  run_step "ckan generate config (template)" "$PIP_LOG" "$VENV/bin/ckan" generate config "$VENV/satudata-ckan.ini.template"
}

install_solr() {
  local marker="$SOLR_CACHE/.satudata-installed" src="$CKAN_DIR/solr/src/CkanSolr.java"
  mkdir -p "$SOLR_CACHE/classes"
  if [ ! -f "$marker" ]; then
    # build-classpath resolves into our own Maven repo under $CACHE (no copy of ~150 jars).
    run_step "Maven: resolve solr-core + solr-test-framework $SOLR_VERSION" "$MVN_LOG" \
      mvn -B -f "$CKAN_DIR/solr/pom.xml" -Dmaven.repo.local="$M2_REPO" -Dsolr.version="$SOLR_VERSION" \
      dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile="$SOLR_CACHE/classpath.txt"
    [ -s "$SOLR_CACHE/classpath.txt" ] || die "Maven wrote no classpath (see $MVN_LOG)"
    echo "$SOLR_VERSION" >"$marker"
    rm -f "$SOLR_CACHE/classes/CkanSolr.class"
  else
    log "Solr $SOLR_VERSION jars: present ($SOLR_CACHE)"
  fi
  # Recompile when the launcher changed (cheap: one class).
  if [ ! -f "$SOLR_CACHE/classes/CkanSolr.class" ] || [ "$src" -nt "$SOLR_CACHE/classes/CkanSolr.class" ]; then
    run_step "javac CkanSolr launcher" "$MVN_LOG" \
      javac -d "$SOLR_CACHE/classes" -cp "$(cat "$SOLR_CACHE/classpath.txt")" "$src"
  fi
}

start_time="$(now)"
install_debian
install_ckan
install_scheming
install_ini_template
install_solr
log "install done in $(elapsed "$start_time")s"
