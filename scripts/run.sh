#!/usr/bin/env bash
# Starts the web server (gunicorn: several processes, a deep listen backlog, so bursts of requests
# queue instead of being reset) and the task worker side by side. The worker is supervised: if it
# dies it is restarted after a few seconds and the web server stays up. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:-127.0.0.1}
port=${2:-8000}
py=.venv/bin/python
web_workers=${CHANGAI_WEB_WORKERS:-3}
run_dir=$(mktemp -d)

supervise_worker() {
  while [ ! -e "$run_dir/stopping" ]; do
    $py manage.py run_huey --quiet &
    echo $! > "$run_dir/worker.pid"
    wait $! || true
    [ -e "$run_dir/stopping" ] && break
    echo "任务进程已退出，5 秒后自动重启…" >&2
    sleep 5
  done
}

stop() {
  trap - INT TERM EXIT
  echo
  echo "正在停止 web 服务和任务进程…"
  touch "$run_dir/stopping"
  kill -TERM "$supervisor" 2>/dev/null || true
  [ -s "$run_dir/worker.pid" ] && kill -TERM "$(cat "$run_dir/worker.pid")" 2>/dev/null || true
  kill -TERM "$web" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$run_dir"
  echo "已停止。"
}
trap stop INT TERM EXIT

supervise_worker &
supervisor=$!
.venv/bin/gunicorn changai.wsgi:application --bind "$host:$port" --workers "$web_workers" --threads 4 \
  --backlog 2048 --timeout 120 --graceful-timeout 20 --access-logfile - --error-logfile - &
web=$!

for _ in $(seq 1 60); do
  if curl -fsS -o /dev/null "http://$host:$port/login/" 2>/dev/null; then break; fi
  sleep 1
done

cat <<MSG

  产改通已启动： http://$host:$port/
  健康检查：     http://$host:$port/healthz
  API 文档：     http://$host:$port/api/docs/

  演示账号（密码均为 $($py -c 'from core.demo.data import DEMO_PASSWORD; print(DEMO_PASSWORD)')，首次登录须修改）：
$($py manage.py demo_accounts)
    admin、anquan、auditor、flzx、lvshi 登录时还须绑定手机身份验证器（动态验证码）；
    本机试用可设 CHANGAI_OTP_REQUIRED=0 关闭。

  按 Ctrl-C 停止。
MSG

# the web server's end ends the run (the worker is restarted by its supervisor)
wait "$web" || true
