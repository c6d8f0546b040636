"""Write the shipped vectors of the built-in taxonomies (run after editing a taxonomy JSON).

    python scripts/taxonomy_vectors.py

Each `src/sessionlens/data/taxonomies/<name>.json` gets `<name>.vectors.npz` beside it; the
offline engine then embeds only texts it does not find there.
"""

from __future__ import annotations

from pathlib import Path

from sessionlens.embeddings import get_embedder
from sessionlens.engines.offline.topics import BUILT_IN, VECTORS_SUFFIX, load_taxonomy, write_vectors

HERE = Path(__file__).resolve().parents[1] / "src" / "sessionlens" / "data" / "taxonomies"

if __name__ == "__main__":
    embed = get_embedder().embed
    for name in BUILT_IN:
        out = HERE / (name + VECTORS_SUFFIX)
        write_vectors(load_taxonomy(name), embed, out)
        print(f"wrote {out} ({out.stat().st_size // 1024} KB)")
