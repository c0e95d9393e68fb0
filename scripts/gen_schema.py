"""Regenerate src/veille/schema/article.schema.json from the data model."""

import json
from pathlib import Path

from veille.model import article_schema

target = Path(__file__).resolve().parents[1] / "src" / "veille" / "schema" / "article.schema.json"
target.write_text(json.dumps(article_schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
print(f"wrote {target}")
