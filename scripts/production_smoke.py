"""Production mode as the README deploys it, checked from outside: run after collectstatic,
migrate and createsuperuser with a gunicorn server and a Huey worker running in production mode.
Signs in through the real log-in form (as a browser behind the TLS proxy would: X-Forwarded-Proto
https, the Secure cookies sent back by hand), opens a list page and /healthz, and checks the
production headers on each answer. Exit 1 with the reasons on any failure.

    python scripts/production_smoke.py http://127.0.0.1:8011 <username> <password>
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import struct
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

BASE, USER, PASSWORD = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
HOST = urllib.parse.urlsplit(BASE).netloc
PROXY = {"X-Forwarded-Proto": "https", "Host": HOST}
problems: list[str] = []
cookies: dict[str, str] = {}
raw_cookies: dict[str, str] = {}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


opener = urllib.request.build_opener(NoRedirect)


def call(path: str, data: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    headers = dict(PROXY)
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    body = None
    if data is not None:
        body = urllib.parse.urlencode(data).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        headers["Referer"] = f"https://{HOST}{path}"
    request = urllib.request.Request(BASE + path, data=body, headers=headers)
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as exc:
        response = exc
    for value in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = value.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
        raw_cookies[name.strip()] = value.lower()
    text = response.read().decode("utf-8", "replace")
    return response.status, {k.lower(): v for k, v in response.headers.items()}, text


def totp(secret: str, step: int = 30, digits: int = 6) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int(time.time()) // step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 10**digits:0{digits}d}"


def expect(what: str, ok: bool) -> None:
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        problems.append(what)


def production_headers(path: str, headers: dict[str, str]) -> None:
    policy = headers.get("content-security-policy", "")
    scripts = policy.split("script-src")[1].split(";")[0] if "script-src" in policy else ""
    expect(f"{path}: Content-Security-Policy without inline script", "'self'" in scripts and "unsafe" not in scripts)
    expect(f"{path}: HSTS", "max-age=" in headers.get("strict-transport-security", ""))
    expect(f"{path}: X-Frame-Options DENY", headers.get("x-frame-options") == "DENY")
    expect(f"{path}: nosniff", headers.get("x-content-type-options") == "nosniff")


status, headers, page = call("/login/")
expect("log-in page answers 200", status == 200)
production_headers("/login/", headers)
csrf_cookie = raw_cookies.get("csrftoken", "")
expect("csrftoken cookie is Secure and HttpOnly", "secure" in csrf_cookie and "httponly" in csrf_cookie)
token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
expect("log-in form carries a CSRF token", token is not None)
form = {"csrfmiddlewaretoken": token.group(1) if token else "", "username": USER, "password": PASSWORD, "next": "/"}
status, headers, _ = call("/login/", form)
expect(f"log-in succeeds (302, got {status})", status == 302 and "sessionid" in cookies)
status, headers, page = call("/system/person/")
if status == 302 and headers.get("location", "").startswith("/otp/setup/"):
    # an administrator gives a second factor: set up the authenticator as a person would, with
    # the key shown on the page (RFC 6238 computed here), then go on
    status, headers, page = call("/otp/setup/")
    secret = re.search(r'id="otp-secret">([A-Z2-7]+)<', page)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    expect("the second factor's set-up page shows a key", secret is not None and token is not None)
    code = totp(secret.group(1)) if secret else ""
    status, headers, page = call("/otp/setup/", {"csrfmiddlewaretoken": token.group(1) if token else "", "token": code})
    expect(f"the authenticator is confirmed and 10 recovery codes shown ({status})", page.count("<code>") == 10)
    status, headers, page = call("/system/person/")
expect(f"a list page answers 200 (got {status})", status == 200 and "职工" in page)
production_headers("/system/person/", headers)
expect("a list page is not cached", "no-store" in headers.get("cache-control", ""))
status, headers, page = call("/static/vendor/htmx/htmx.min.js")
expect(f"static files are served from the manifest (got {status})", status == 200)
status, headers, page = call("/healthz")
expect(f"/healthz answers 200 with the worker's round trip ({status}: {page[:60]})", status == 200 and '"ok"' in page)
sys.exit(1 if problems else 0)
