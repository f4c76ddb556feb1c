"""The shape of the code, checked: kit imports nothing of ours and has no import circle (every
import counted, also those inside functions); kit names no domain; writes to domain models happen
only in services, the importer and the demo loaders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KIT = ROOT / "kit"
DOMAIN_APPS = ("core", "reform", "guidance", "skills", "merit", "rights", "legal", "indicators", "bulletins", "portal")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _kit_sources() -> list[Path]:
    return [p for p in KIT.rglob("*.py") if not {"tests", "migrations"} & set(p.relative_to(KIT).parts)]


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (function-level imports included)."""
    out: set[str] = set()
    package = _module_name(path) if path.name == "__init__.py" else _module_name(path).rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            out.add(base)
            out |= {f"{base}.{a.name}" for a in node.names}  # `from kit import audit` names a module
    return out


def _kit_graph() -> dict[str, set[str]]:
    sources = {_module_name(p): p for p in _kit_sources()}
    graph: dict[str, set[str]] = {}
    for name, path in sources.items():
        graph[name] = {m for m in _imports(path) if m in sources and m != name}
    return graph


def test_kit_imports_nothing_of_ours() -> None:
    offenders = []
    for path in _kit_sources():
        for module in _imports(path):
            if module.split(".")[0] in DOMAIN_APPS or module.startswith("changai"):
                offenders.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not offenders, offenders


def test_kit_has_no_import_circle() -> None:
    graph = _kit_graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert not cycles, "import circles in kit: " + "; ".join(" → ".join(c) for c in cycles)


def test_kit_is_packages_not_one_flat_directory() -> None:
    flat = [p.name for p in KIT.glob("*.py") if p.name != "__init__.py"]
    assert len(flat) <= 30, flat
    for package in ("audit", "excel", "jobs", "scoring", "views", "api", "testing"):
        assert (KIT / package / "__init__.py").exists(), package


def test_kit_names_no_domain_route_or_status() -> None:
    pattern = re.compile(r"""["'](?:""" + "|".join(DOMAIN_APPS) + r"""):\w""")
    offenders = []
    for path in _kit_sources():
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if pattern.search(line) or re.search(r"""["']completed["']""", line):
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not offenders, offenders


# --- writes only through services ---------------------------------------------------------------------
WRITE_METHODS = {"update", "bulk_update", "bulk_create", "get_or_create", "update_or_create", "create", "delete"}
ALLOWED_FILES = {"services.py", "demo.py", "excel.py", "load_demo.py", "factories.py", "testing.py"}


def _writes_outside_services(path: Path) -> list[str]:
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        receiver = ast.unparse(node.func.value)
        if node.func.attr in WRITE_METHODS and re.search(r"objects|_manager|\.filter\(|\.exclude\(", receiver):
            out.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:100]}")
        for kw in node.keywords:
            if kw.arg == "check_perm" and isinstance(kw.value, ast.Constant) and kw.value.value is False:
                out.append(f"{path.relative_to(ROOT)}:{node.lineno}: check_perm=False")
    return out


def test_domain_models_are_written_only_by_services_the_importer_and_the_demo() -> None:
    offenders = []
    for app in DOMAIN_APPS:
        for path in (ROOT / app).rglob("*.py"):
            parts = set(path.relative_to(ROOT).parts)
            if {"tests", "migrations", "demo"} & parts or path.name in ALLOWED_FILES:
                continue
            offenders += _writes_outside_services(path)
    assert not offenders, "writes that bypass the services:\n" + "\n".join(offenders)


SHAPE = (
    "models.py",
    "entities.py",
    "services.py",
    "selectors.py",
    "views.py",
    "urls.py",
    "api/urls.py",
    "menu.py",
    "tests/test_entities.py",
    "tests/test_services.py",
    "README.md",
)


def test_every_app_with_entities_has_the_same_shape() -> None:
    """What the README promises: knowing one app means knowing all."""
    missing = []
    for app in DOMAIN_APPS:
        if not (ROOT / app / "entities.py").exists():
            models = ROOT / app / "models.py"
            assert not models.exists() or "models.Model" not in models.read_text(encoding="utf-8").replace(
                "from django.db import models", ""
            ), f"{app} has models but no entities.py"
            continue
        missing += [f"{app}/{name}" for name in SHAPE if not (ROOT / app / name).exists()]
    assert not missing, missing
