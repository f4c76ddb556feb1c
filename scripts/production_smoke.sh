#!/usr/bin/env bash
# Installs and starts the product in production mode exactly as the README's deployment says
# (fresh keys, collectstatic, migrate, an administrator, gunicorn with several workers, the Huey
# worker) in a throw-away data directory, then checks it from outside (production_smoke.py).
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
port=${1:-8011}
data=$(mktemp -d)
key() { python3 -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())'; }
export CHANGAI_DEBUG=0 CHANGAI_DATA_DIR="$data" CHANGAI_ALLOWED_HOSTS="127.0.0.1,localhost"
export CHANGAI_SECRET_KEY="$(python3 -c 'import secrets; print(secrets.token_urlsafe(64))')"
export CHANGAI_PII_KEYS="1:$(key)" CHANGAI_BIDX_KEY="$(key)" CHANGAI_AUDIT_KEY="$(key)"
export DJANGO_SUPERUSER_PASSWORD="Smoke@$(python3 -c 'import secrets; print(secrets.token_hex(6))')"
unset DATABASE_URL REDIS_URL CHANGAI_TESTING
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT

$py manage.py collectstatic --noinput -v0
$py manage.py migrate -v0
$py manage.py createsuperuser --noinput --username smoke --email smoke@example.org
$py manage.py run_huey --quiet > "$data/worker.log" 2>&1 &
pids+=($!)
.venv/bin/gunicorn changai.wsgi:application --bind "127.0.0.1:$port" --workers 3 --threads 2 \
  > "$data/web.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do
  curl -fsS -o /dev/null -H "X-Forwarded-Proto: https" "http://127.0.0.1:$port/login/" 2>/dev/null && break
  sleep 1
done
$py scripts/production_smoke.py "http://127.0.0.1:$port" smoke "$DJANGO_SUPERUSER_PASSWORD" || {
  echo "--- web log ---"; tail -n 40 "$data/web.log"; exit 1; }
