"""Hypothesis strategies of hostile inputs: texts, pages, JSONL dumps, feeds, WARC files, and
mutations of any of them. Used by tests/test_fuzz.py (a small budget) and scripts/fuzz.py
(the long run); every input is generated, none is stored in the repository."""

from __future__ import annotations

import io

from hypothesis import strategies as st

_WORDS = ("le président a annoncé jeudi une réforme du budget à Paris selon le ministre "
          "the government said on Monday that talks with the union would resume in London "
          "Poutine Macron OTSC Kazakhstan « » — – … ’ ' \" : ; , . ! ?").split()
_ODD = ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad", "\x00", "\x07", "\x1b", "\r", "\t", "\u202e",
        "\ud7ff", "\U0001f600", "\ufffd", "\u0301", "e\u0301", "\u00a0", "\u2028", "<script>", "</p>", "&amp;",
        "&#xD800;", "&#0;", "&lt;", "<!--", "]]>", "{", "[", "\\u0000"]
_TAGS = ["div", "p", "span", "article", "section", "main", "h1", "h2", "ul", "li", "table", "tr", "td", "blockquote",
         "b", "i", "a", "br", "script", "style", "nav", "footer", "header", "pre", "code", "q", "font", "svg", "math",
         "template", "iframe", "noscript", "title", "meta", "body", "html", "head"]


def _word() -> st.SearchStrategy[str]:
    words = st.sampled_from(_WORDS)  # mostly words, so many inputs are articles and go all the way through
    return st.one_of(words, words, words, words, st.sampled_from(_ODD), st.text(max_size=12))


@st.composite
def _line(draw: st.DrawFn) -> str:
    return " ".join(draw(st.lists(_word(), max_size=25)))


@st.composite
def text_bytes(draw: st.DrawFn) -> bytes:
    """Article-like text: lines, blank lines, repeats, odd characters, in some encoding."""
    lines = draw(st.lists(_line(), max_size=40))
    if lines and draw(st.booleans()):
        lines = lines * draw(st.integers(1, 200))  # repeated blocks
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\n \n"]))
    text = sep.join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "cp1252", "latin-1", "utf-16", "utf-8-sig"]))
    return text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")


@st.composite
def _element(draw: st.DrawFn, depth: int) -> str:
    tag = draw(st.sampled_from(_TAGS))
    attrs = draw(st.sampled_from(["", ' class="article"', ' id="main"', ' href="javascript:x"', ' style="x"',
                                  ' charset="x-unknown"', " hidden", ' a="' + "x" * 50 + '"']))
    if depth <= 0 or draw(st.integers(0, 3)) == 0:
        inner = draw(_line())
    else:
        inner = "".join(draw(st.lists(_element(depth - 1), max_size=4)))
    close = "" if draw(st.integers(0, 9)) == 0 else f"</{tag}>"  # unclosed tags now and then
    return f"<{tag}{attrs}>{inner}{close}"


@st.composite
def html_bytes(draw: st.DrawFn) -> bytes:
    """Pages: random trees, very deep wrappers, long lists, declared charsets, broken markup."""
    body = "".join(draw(st.lists(_element(3), max_size=6)))
    shape = draw(st.integers(0, 4))
    if shape == 1:  # deep
        depth = draw(st.integers(200, 3000))
        wrap = draw(st.sampled_from(["div", "span", "b", "section", "blockquote"]))
        body = f"<{wrap}>" * depth + "<p>" + draw(_line()) + "</p>" + f"</{wrap}>" * depth
    elif shape == 2:  # long list of the same item
        body = "<ul>" + f"<li>{draw(_line())}</li>" * draw(st.integers(100, 5000)) + "</ul>"
    elif shape == 3:  # paragraphs repeated
        body = ("<p>" + draw(_line()) + "</p>") * draw(st.integers(2, 500))
    head = draw(st.sampled_from(["", "<!doctype html>", '<meta charset="utf-8">', '<meta charset="iso-8859-1">',
                                 '<meta charset="gb2312">', "<?xml version='1.0'?>"]))
    page = f"{head}<html><head><title>{draw(_line())}</title></head><body><article>{body}</article></body></html>"
    return page.encode(draw(st.sampled_from(["utf-8", "cp1252", "utf-16"])), errors="replace")


def mutated(data: bytes) -> st.SearchStrategy[bytes]:
    """Mutations of ``data``: flipped, inserted, deleted or repeated bytes, truncation."""

    @st.composite
    def mutate(draw: st.DrawFn) -> bytes:
        buf = bytearray(data)
        for _ in range(draw(st.integers(1, 6))):
            op = draw(st.integers(0, 5))
            at = draw(st.integers(0, len(buf))) if buf else 0
            if op == 0 and buf:
                buf[min(at, len(buf) - 1)] ^= 1 << draw(st.integers(0, 7))
            elif op == 1:
                buf[at:at] = draw(st.binary(min_size=1, max_size=16))
            elif op == 2 and buf:
                del buf[at:at + draw(st.integers(1, 64))]
            elif op == 3 and buf:
                piece = bytes(buf[at:at + draw(st.integers(1, 256))])
                buf[at:at] = piece * draw(st.integers(1, 50))
            elif op == 4:
                del buf[at:]
            else:
                buf[at:at] = draw(st.sampled_from([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xc3", b"<", b"]]>",
                                                   b"\r\n\r\n", b"\x1f\x8b\x08"]))
        return bytes(buf)

    return mutate()


_JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=60)),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
    max_leaves=20,
)


@st.composite
def _json_line(draw: st.DrawFn) -> bytes:
    import json

    kind = draw(st.integers(0, 5))
    if kind == 0:
        return draw(st.binary(max_size=200))
    if kind == 1:  # deep nesting
        depth = draw(st.integers(10, 200_000))
        return b"[" * depth + b"]" * draw(st.sampled_from([depth, 0, depth // 2]))
    obj = {k: draw(_JSON_VALUES) for k in draw(st.lists(st.sampled_from(
        ["id", "url", "title", "text", "html", "published", "date", "lang", "language", "section", "author",
         "standfirst"]), max_size=8))}
    if draw(st.booleans()):
        obj["text"] = draw(_line()) * draw(st.integers(1, 30))
    if kind == 2:
        obj["html"] = draw(html_bytes()).decode("utf-8", "replace")
    line = json.dumps(obj, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if kind == 3:
        line = line.replace(b"e", b"\\ud800", 1)
    return line


@st.composite
def json_lines(draw: st.DrawFn) -> bytes:
    """A JSONL dump: objects with veille's fields, garbage, deep arrays, surrogates, blank lines."""
    lines = draw(st.lists(_json_line(), max_size=8))
    return b"\n".join(lines) + draw(st.sampled_from([b"\n", b"", b"\n\n  \n"]))


@st.composite
def feed_bytes(draw: st.DrawFn) -> bytes:
    """RSS or Atom with odd entries: links of every scheme, entities, huge fields."""
    links = st.sampled_from(["https://news.example/a", "http://127.0.0.1/x", "file:///etc/passwd", "javascript:x",
                             "/relative", "", "http://[::1", "gopher://x", "http://169.254.169.254/latest"])
    entries = []
    for _ in range(draw(st.integers(0, 12))):
        content = draw(st.sampled_from(["", "<p>" + draw(_line()) + "</p>", draw(_line()) * 20]))
        entries.append((draw(_line()), draw(links), content))
    if draw(st.booleans()):
        items = "".join(f"<item><title>{t}</title><link>{u}</link><description><![CDATA[{c}]]></description>"
                        f"<pubDate>{draw(st.sampled_from(['Tue, 26 Nov 2024 10:00:00 GMT', 'hier', '']))}</pubDate>"
                        f"</item>" for t, u, c in entries)
        doc = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    else:
        items = "".join(f"<entry><title>{t}</title><link href=\"{u}\"/><content type=\"html\">{c}</content></entry>"
                        for t, u, c in entries)
        doc = f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>{items}</feed>'
    if draw(st.integers(0, 5)) == 0:
        doc = doc.replace("<?xml version=\"1.0\"", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]', 1)
    return doc.encode("utf-8", "surrogatepass")


@st.composite
def warc_input(draw: st.DrawFn) -> bytes:
    """A WARC (gzipped per record or not) of pages, requests and odd records, maybe mutated."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=draw(st.booleans()))
    for n in range(draw(st.integers(0, 4))):
        url = f"http://site.example/{n}"
        fixed = {"WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>",  # the same bytes every time
                 "WARC-Date": "2024-11-26T10:00:00Z"}
        status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved"]))
        ctype = draw(st.sampled_from(["text/html", "text/plain", "image/png", "application/pdf", ""]))
        body = draw(st.one_of(html_bytes(), text_bytes(), st.binary(max_size=300)))
        headers = StatusAndHeaders(status, [("Content-Type", ctype)] if ctype else [], protocol="HTTP/1.1")
        kind = draw(st.sampled_from(["response", "response", "resource", "request", "metadata"]))
        if kind == "response":
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict=fixed)
        elif kind == "request":
            record = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
                                               warc_headers_dict=fixed)
        else:
            record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), warc_headers_dict=fixed,
                                               warc_content_type=ctype or "application/octet-stream")
        writer.write_record(record)
    data = buf.getvalue()
    if draw(st.booleans()):
        return draw(mutated(data))
    return data
