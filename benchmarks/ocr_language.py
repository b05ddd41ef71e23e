"""What reading a scan again in its own language costs, and what it reads.

    python -m benchmarks ocr_language [--rounds 3] [--dpi 200]

Three invoices are drawn at run time (English, German, French, each with names that carry
their language's letters), rendered at ``--dpi``, turned a little and saved as PNG. Each
is read end to end (``intake extract``'s stages) with ``INTAKE_OCR_AUTO_LANGUAGE`` on and
off, the two alternated file by file for ``--rounds`` rounds (the machine is shared: the
ratio of the best times of a round's pair is printed, with each reading's vendor and
buyer). Expected: the English scan costs the same either way (its words tell English:
nothing is read again); a German or French scan costs one more OCR of the page, with
the language's model first and English's beside it (about 2.2 x), and its names keep
their letters.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from intake.extractors.base import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.scans import render, save_png, turned
from tests.test_layout_conventions import Rows, draw
from tests.test_ocr_language import GERMAN_INVOICE

_ENGLISH: Rows = [
    (50, [(57, "Harbourside Marine Supply Ltd", 16)]),
    (70, [(57, "12 Quay Street, Bristol BS1 4HG")]),
    (140, [(57, "Severn Boatworks Ltd")]),
    (154, [(57, "Unit 4, Avonmouth Way, Bristol BS11 9YA")]),
    (140, [(355, "Invoice number:"), (455, "HM-20417")]),
    (154, [(355, "Invoice date:"), (455, "08/07/2025")]),
    (250, [(57, "INVOICE", 16)]),
    (290, [(57, "Description"), (315, "Qty"), (392, "Unit price"), (500, "Amount")]),
    (306, [(57, "Stainless cleat 150 mm"), (315, "12"), (392, "8.40"), (500, "100.80")]),
    (360, [(355, "Subtotal"), (500, "100.80")]),
    (376, [(355, "VAT 20%"), (500, "20.16")]),
    (392, [(355, "Total due"), (500, "£120.96")]),
]
_FRENCH: Rows = [
    (50, [(57, "Éditions du Lauragais SARL", 16)]),
    (70, [(57, "14 rue des Pénitents, 31000 Toulouse")]),
    (140, [(355, "Hôtel des Cévennes SAS")]),
    (154, [(355, "2 place de l'Église, 48400 Florac")]),
    (250, [(57, "FACTURE N° FA-2025-0612", 16)]),
    (270, [(57, "Date de facture : 08/07/2025")]),
    (300, [(57, "Désignation"), (315, "Qté"), (392, "Prix unitaire HT"), (500, "Montant HT")]),
    (316, [(57, "Guide des sentiers, édition 2025"), (315, "40"), (392, "12,50"), (500, "500,00")]),
    (360, [(355, "Total HT"), (500, "500,00")]),
    (376, [(355, "TVA 5,5 %"), (500, "27,50")]),
    (392, [(355, "Total TTC"), (500, "527,50 €")]),
]


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks ocr_language")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        base = Settings(data_dir=folder / "data", watch_dir=folder / "watch")
        contexts = {
            on: Context(base.model_copy(update={"ocr_auto_language": on}), Registry.default())
            for on in (True, False)
        }
        for name, rows in (("English", _ENGLISH), ("German", GERMAN_INVOICE), ("French", _FRENCH)):
            pdf = draw(folder / f"{name}.pdf", rows)
            scan = save_png(turned(render(pdf, dpi=args.dpi), 0.6), folder / f"{name}.png")
            best: dict[bool, float] = {}
            read: dict[bool, tuple[str, str]] = {}
            for _ in range(args.rounds):
                for on in (True, False):
                    start = time.perf_counter()
                    fields = extract_path(contexts[on], str(scan))["fields"]
                    took = time.perf_counter() - start
                    best[on] = min(best.get(on, took), took)
                    read[on] = (str(fields.get("vendor")), str(fields.get("buyer")))
            print(
                f"{name:8} again {best[True]:.2f} s, once {best[False]:.2f} s, "
                f"ratio {best[True] / best[False]:.2f}"
            )
            print(f"         again: {read[True][0]} | {read[True][1]}")
            print(f"         once:  {read[False][0]} | {read[False][1]}")
