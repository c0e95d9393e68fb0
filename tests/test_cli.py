"""The CLI end to end: formats, options, and one-line errors with exit codes."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from veille.cli import main
from veille.errors import ExitCode

from conftest import SAMPLES

SAMPLE = str(SAMPLES / "fr-visite-dakar.txt")

HTML_PAGE = """<!DOCTYPE html><html lang="fr"><head><title>Sommet à Astana | Le Journal</title>
<meta name="author" content="Marie Curie"><meta property="article:published_time" content="2024-11-28">
</head><body><nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
<article><h1>Sommet à Astana</h1>
<p>Les dirigeants des pays membres de l'alliance se sont réunis jeudi à Astana pour un sommet consacré à la sécurité régionale et aux menaces à leurs frontières.</p>
<h2>Une déclaration commune</h2>
<p>À l'issue de la réunion, les chefs d'État ont adopté une déclaration commune appelant au renforcement de la coopération militaire entre les membres.</p>
<blockquote>Notre sécurité est indivisible et nous la défendrons ensemble.</blockquote>
<p>Le prochain sommet se tiendra l'an prochain dans une autre capitale de la région, selon le communiqué final publié dans la soirée.</p>
<p>Les observateurs notent toutefois que plusieurs membres ont exprimé des réserves sur le calendrier des exercices conjoints prévus au printemps.</p>
</article><footer><p>© 2024 Le Journal. Tous droits réservés.</p></footer></body></html>"""  # noqa: E501


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_text_report(capsys):
    code, out, _ = run(["analyze", SAMPLE], capsys)
    assert code == 0
    assert out.startswith("# Macron À Dakar")
    assert "── removed" in out and "lines 19–23: repeat lines 14–18" in out and "notes:" in out
    assert "CAMEO 042" in out and "CONSULT (meet, talk, visit)" in out
    for raw in ("units", "unit ", "gopher_", "repeated_block", "[repeat]", "member_of"):
        assert raw not in out, raw


def test_json_is_the_model(capsys):
    code, out, _ = run(["analyze", SAMPLE, "--format", "json", "--published", "2024-11-25"], capsys)
    data = json.loads(out)
    assert code == 0 and data["published"] == "2024-11-25" and data["section"] == ["Monde", "Afrique"]
    assert {b["kind"] for b in data["blocks"]} == {"paragraph", "heading", "quote"}


def test_markdown(capsys):
    code, out, _ = run(["analyze", SAMPLE, "--format", "markdown", "--lang", "fr"], capsys)
    assert code == 0 and "## Un dialogue centré sur la sécurité" in out and "> Nous voulons bâtir" in out


def test_bad_date_is_a_usage_error(capsys):
    code, _, err = run(["analyze", SAMPLE, "--published", "27/11/2024"], capsys)
    assert code == ExitCode.USAGE and "not a date" in err


def test_cp1252_is_detected(tmp_path, capsys):
    path = tmp_path / "legacy.txt"
    text = (SAMPLES / "fr-visite-dakar.txt").read_text("utf-8").replace("’", "'")
    path.write_bytes(text.encode("cp1252"))
    code, out, _ = run(["analyze", str(path), "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["title"].startswith("Macron À Dakar")


def _bad_inputs(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\n \t\n")
    (tmp_path / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (tmp_path / "broken.txt").write_bytes("Un texte en UTF-8 accentué ".encode() + b"\xff\xfe\xfa invalide")
    (tmp_path / "empty.html").write_text("<html><body><nav><a href='/'>Accueil</a></nav></body></html>")
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse 100 MB file
    return {
        "empty.txt": ExitCode.BAD_INPUT, "blank.txt": ExitCode.BAD_INPUT, "binary.bin": ExitCode.BAD_INPUT,
        "broken.txt": ExitCode.BAD_INPUT, "empty.html": ExitCode.NO_ARTICLE, "big.txt": ExitCode.BAD_INPUT,
        "missing.txt": ExitCode.NOT_FOUND, ".": ExitCode.BAD_INPUT,
    }


def test_bad_inputs_one_line_each(tmp_path, capsys):
    for name, expected in _bad_inputs(tmp_path).items():
        target = str(tmp_path / name) if name != "." else str(tmp_path)
        code, out, err = run(["analyze", target], capsys)
        assert code == expected, (name, err)
        assert out == ""
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("veille: error E0") and target in lines[0], (name, err)


def test_console_script_exit_code_and_no_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "veille", "analyze", str(tmp_path / "nope.txt")],
                          capture_output=True, text=True)
    assert proc.returncode == ExitCode.NOT_FOUND
    assert "Traceback" not in proc.stderr and proc.stderr.count("\n") == 1


def test_stdin(capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO((SAMPLES / "en-eu-summit.txt").read_bytes())))
    code, out, _ = run(["analyze", "-", "--format", "json"], capsys)
    assert code == 0 and json.loads(out)["source"] == "-"


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/article":
            body = HTML_PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
        elif self.path == "/article.gz":
            body = gzip.compress(HTML_PAGE.encode())
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Encoding", "gzip")
        else:
            body = b"not here"
            self.send_response(404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


@pytest.mark.parametrize("path", ["/article", "/article.gz"])
def test_url(server, path, capsys):
    code, out, _ = run(["analyze", server + path, "--format", "json", "--allow-private"], capsys)
    data = json.loads(out)
    assert code == 0 and data["format"] == "html" and data["title"] == "Sommet à Astana"
    assert data["author"] == "Marie Curie" and data["published"] == "2024-11-28"
    kinds = [b["kind"] for b in data["blocks"]]
    assert "heading" in kinds and "quote" in kinds
    assert not any("Tous droits" in b["text"] for b in data["blocks"])


def test_url_errors(server, capsys):
    code, _, err = run(["analyze", server + "/missing", "--allow-private"], capsys)
    assert code == ExitCode.NETWORK and "HTTP 404" in err
    code, _, err = run(["analyze", "http://127.0.0.1:9/unreachable"], capsys)
    assert code == ExitCode.NETWORK and err.count("\n") == 1


@pytest.mark.parametrize("module", ["veille", "veille.cli"])
@pytest.mark.parametrize("command", ["analyze", "ingest", "export", "events", "serve", "watch"])
def test_python_dash_m_knows_every_command(module, command):
    """``python -m veille`` and ``python -m veille.cli`` both reach the commands registered by
    cli_corpus and cli_serve (they were once registered after the ``__main__`` guard)."""
    proc = subprocess.run([sys.executable, "-m", module, command, "--help"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert f"Usage: veille {command}" in proc.stdout
    assert "Warning" not in proc.stderr


def test_analyze_reads_a_gzip_file_as_ingest_does(tmp_path, capsys):
    """``veille analyze page.html.gz`` decompresses the page (it once said 'looks binary'), and
    gives the article the id ``veille ingest`` gives the same file."""
    from veille.read.corpus import iter_sources

    page = tmp_path / "page.html.gz"
    page.write_bytes(gzip.compress(HTML_PAGE.encode()))
    code, out, err = run(["analyze", str(page), "--format", "json", "--no-understand"], capsys)
    assert code == 0, err
    article = json.loads(out)
    assert article["title"] == "Sommet à Astana" and article["format"] == "html"
    (item,) = iter_sources([str(page)])
    assert article["id"] == item.key


@pytest.mark.parametrize(("data", "args", "expected"), [
    (b"not gzip at all", [], "E009"),
    (gzip.compress(b"\0" * 4_000_000), [], "E037"),
    (gzip.compress(("mot " * 1000).encode()), ["--max-bytes", "1000"], "E005"),
], ids=["corrupt", "bomb", "too-large-decompressed"])
def test_analyze_gzip_failures_are_one_coded_line(tmp_path, capsys, data, args, expected):
    path = tmp_path / "page.txt.gz"
    path.write_bytes(data)
    code, out, err = run(["analyze", str(path), "--no-understand", *args], capsys)
    assert code != 0 and out == ""
    assert err.startswith(f"veille: error {expected}: {path}") and err.count("\n") == 1, err


def test_the_event_model_switch_reaches_the_understand_stage(capsys, monkeypatch, tmp_path):
    import veille.ingest
    import veille.pipeline

    seen = []
    real_analyze, real_ingest = veille.pipeline.analyze, veille.ingest.ingest
    monkeypatch.setattr(veille.pipeline, "analyze", lambda source, options: seen.append(options.event_model) or
                        real_analyze(source, options))
    monkeypatch.setattr(veille.ingest, "ingest", lambda sources, store, options: seen.append(options.article.event_model) or
                        real_ingest(sources, store, options))
    assert run(["analyze", SAMPLE, "--format", "json", "--no-event-model"], capsys)[0] == 0
    assert run(["analyze", SAMPLE, "--format", "json", "--event-model"], capsys)[0] == 0
    assert run(["analyze", SAMPLE, "--format", "json"], capsys)[0] == 0  # left to the language (None)
    code, _, _ = run(["ingest", SAMPLE, "--db", str(tmp_path / "v.db"), "-j", "1", "--no-event-model"], capsys)
    assert code == 0 and seen == [False, True, None, False]
