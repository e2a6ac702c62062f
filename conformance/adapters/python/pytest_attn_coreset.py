"""pytest plugin: run ``attn-coreset conform`` against your compression
function and get one test item per conformance case.

Configure it in ``pytest.ini`` / ``pyproject.toml`` (``[tool.pytest.ini_options]``)
or on the command line::

    [pytest]
    attn_coreset_function = mypkg.compress:compress   # or attn_coreset_impl = <shell command>
    attn_coreset_args = --profile standard --timeout 20000 --deadline 900

    $ pytest            # or: pytest --attn-coreset-function mypkg.compress:compress

The function has the adapter's signature ``compress(K, V, rho, eps, size) ->
(indices, weights)`` (see attn_coreset_adapter). The suite runs once, at
collection, through the ``attn-coreset`` command (``attn_coreset_cli``,
default: ``$ATTN_CORESET_CLI``, else ``attn-coreset`` on PATH, else
``npx --no-install attn-coreset``); each case becomes an item that passes
or fails with the harness's reason, the witness query and the command that
regenerates the case. Without a function or command configured, the plugin
does nothing.
"""
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile

import pytest

_OPTIONS = [
    ("attn_coreset_function", "module:function to test (served through attn_coreset_adapter)"),
    ("attn_coreset_impl", "shell command of an implementation speaking the protocol (instead of a function)"),
    ("attn_coreset_response", "subset (default) or cache: what the function returns (cache: (keys, values, weights), protocol 2)"),
    ("attn_coreset_args", "further arguments of attn-coreset conform, e.g. --profile quick --timeout 5000"),
    ("attn_coreset_cli", "the attn-coreset command (default: $ATTN_CORESET_CLI, attn-coreset on PATH, npx --no-install attn-coreset)"),
]


def pytest_addoption(parser):
    group = parser.getgroup("attn-coreset", "attn-coreset conformance suite")
    for name, help_text in _OPTIONS:
        group.addoption("--" + name.replace("_", "-"), dest=name, default=None, help=help_text)
        parser.addini(name, help_text, default="")


def _setting(config, name):
    value = config.getoption(name)
    return value if value else config.getini(name)


def _cli(config):
    text = _setting(config, "attn_coreset_cli") or os.environ.get("ATTN_CORESET_CLI", "")
    if text:
        return shlex.split(text)
    if shutil.which("attn-coreset"):
        return ["attn-coreset"]
    return ["npx", "--no-install", "attn-coreset"]


def _impl(config):
    function = _setting(config, "attn_coreset_function")
    if function:
        # -u: unbuffered stdout, so that every answer reaches the harness at once.
        response = _setting(config, "attn_coreset_response") or "subset"
        if response not in ("subset", "cache"):
            raise pytest.UsageError("attn_coreset_response must be subset or cache, got %r" % (response,))
        flag = " --cache" if response == "cache" else ""
        return "%s -u -m attn_coreset_adapter%s %s" % (shlex.quote(sys.executable), flag, shlex.quote(function))
    return _setting(config, "attn_coreset_impl")


class ConformError(Exception):
    """A failed conformance case (its message is the report's explanation)."""


def _fmt_list(xs, limit=8):
    shown = ", ".join("%.6g" % x for x in xs[:limit])
    return "[%s%s]" % (shown, ", … %d more" % (len(xs) - limit) if len(xs) > limit else "")


def _explain(case, report):
    failure = case.get("failure") or {}
    lines = [
        "%s: %s" % (failure.get("reason", "fail"), failure.get("message", "")),
        "case %s (%s, %s): n=%s d=%s dv=%s rho=%s eps=%s" % (case["id"], case["family"], case["anchor"], case["n"], case["d"], case["dv"], case["rho"], case["eps"]),
    ]
    if case.get("witness") and failure.get("reason") == "not-eps-coreset":
        lines.append("witness q = %s, error %.6g > eps = %s" % (_fmt_list(case["witness"]), case.get("lower", float("nan")), case["eps"]))
    impl = report.get("implementation", {}).get("command", "")
    if case.get("regen"):
        lines.append("regenerate: attn-coreset conform --impl %s %s" % (shlex.quote(impl), " ".join(shlex.quote(a) for a in case["regen"])))
    for cx in report.get("counterexamples", []):
        if cx.get("original") == case["id"]:
            r = cx["result"]
            lines.append("shrunk to n=%s d=%s dv=%s rho=%s eps=%s: K=%s V=%s" % (r["n"], r["d"], r["dv"], r["rho"], r["eps"], json.dumps(cx["K"]), json.dumps(cx["V"])))
            if cx.get("response"):
                lines.append("answer: indices %s weights %s" % (cx["response"]["indices"], cx["response"]["weights"]))
            if r.get("witness"):
                lines.append("witness q = %s, error %.6g" % (_fmt_list(r["witness"]), r.get("lower", float("nan"))))
    if report.get("reproduce"):
        lines.append("reproduce the run: attn-coreset conform --impl %s %s" % (shlex.quote(impl), " ".join(shlex.quote(a) for a in report["reproduce"])))
    return "\n".join(lines)


class ConformItem(pytest.Item):
    """One conformance case, already run: passes or fails with its explanation."""

    def __init__(self, *, case, report, explanation=None, **kwargs):
        super().__init__(**kwargs)
        self.case = case
        self.report = report
        self.explanation = explanation

    def runtest(self):
        if self.explanation is not None:
            raise ConformError(self.explanation)
        if self.case.get("status") != "pass":
            raise ConformError(_explain(self.case, self.report))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, ConformError):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        return self.path, None, "attn-coreset conform: %s" % self.name


class ConformSuite(pytest.Collector):
    """Runs the suite once and yields an item per case."""

    def collect(self):
        config = self.config
        impl = _impl(config)
        fd, out = tempfile.mkstemp(prefix="attn-coreset-", suffix=".json")
        os.close(fd)
        cmd = _cli(config) + ["conform", "--impl", impl, "--json", "--out", out] + shlex.split(_setting(config, "attn_coreset_args") or "")
        try:
            done = subprocess.run(cmd, cwd=str(config.rootpath), stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
            report = None
            if done.returncode in (0, 1):
                with open(out, encoding="utf-8") as f:
                    report = json.load(f)
        except OSError as e:
            done, report = None, None
            problem = "could not run %s: %s" % (" ".join(cmd), e)
        finally:
            if os.path.exists(out):
                os.unlink(out)
        if report is None:
            if done is not None:
                problem = "attn-coreset conform exited %d\ncommand: %s\n%s" % (done.returncode, " ".join(shlex.quote(c) for c in cmd), done.stderr[-4000:])
            yield ConformItem.from_parent(self, name="conform", case={}, report={}, explanation=problem)
            return
        for case in report["cases"]:
            yield ConformItem.from_parent(self, name=case["id"], case=case, report=report)
        stopped = report.get("stopped")
        if stopped and stopped.get("reason") == "deadline":
            yield ConformItem.from_parent(self, name="deadline", case={}, report=report, explanation="the --deadline was reached: %d case(s) not run" % stopped["notRun"])


def pytest_collection_modifyitems(session, config, items):
    if not _impl(config):
        return
    suite = ConformSuite.from_parent(session, name="attn-coreset-conform")
    items.extend(suite.collect())
