#!/usr/bin/env bash
# Starts the web server and the task worker side by side; Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
py=.venv/bin/python

pids=()
stop() {
  trap - INT TERM EXIT
  echo
  echo "正在停止 web 服务和任务进程…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  echo "已停止。"
}
trap stop INT TERM EXIT

$py manage.py run_huey --quiet &
pids+=($!)
$py manage.py runserver "$host:$port" --noreload &
pids+=($!)

for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "http://$host:$port/login/" 2>/dev/null; then break; fi
  sleep 1
done

cat <<MSG

  产改通已启动： http://$host:$port/
  健康检查：     http://$host:$port/healthz
  API 文档：     http://$host:$port/api/docs/

  演示账号（密码均为 $($py -c 'from core.demo.data import DEMO_PASSWORD; print(DEMO_PASSWORD)')）：
$($py manage.py demo_accounts)

  按 Ctrl-C 停止。
MSG

wait -n "${pids[@]}" || true
