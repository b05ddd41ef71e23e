"""A purchase order names the buying company's people and places beside its own name: the
person who placed it ("Acheteur : …", "Buyer: …") among the order's details, and the
delivery site under the company's name and a dash ("… Ltd – Warehouse"). Neither is the
buyer: the company that issues the order is. Drawn at test time with invented companies.
"""

from __future__ import annotations

from pathlib import Path

from intake.extractors.extraction.party_names import clean_name
from intake.settings import Settings
from tests.test_layout_conventions import Rows, drawn_fields


def _order(details: list[tuple[float, str]], *, ship_to: str, lang: str = "fr") -> Rows:
    """An order on its issuer's letterhead: the supplier's block left, the delivery
    address right, the order's details in a column of labels under them, one item."""
    words = {
        "fr": ("BON DE COMMANDE", "Fournisseur :", "Adresse de livraison :", "Désignation"),
        "en": ("PURCHASE ORDER", "Supplier:", "Deliver to:", "Description"),
    }[lang]
    title, supplier, deliver, description = words
    rows: Rows = [
        (40, [(40, "Verrerie Morvan SAS", 14), (350, title, 14)]),
        (56, [(40, "7 rue des Forges"), (350, "N° BC-2026-118")]),
        (68, [(40, "58000 Nevers")]),
        (110, [(40, supplier), (300, deliver)]),
        (122, [(40, "Cartonnages Vidal SARL"), (300, ship_to)]),
        (134, [(40, "14 avenue de la Gare"), (300, "3 impasse du Quai")]),
        (146, [(40, "18000 Bourges"), (300, "58000 Nevers")]),
    ]
    rows += [(180 + 12 * i, [(40, text)]) for i, (_, text) in enumerate(details)]
    rows += [
        (250, [(40, description), (330, "Qté"), (400, "P.U. HT"), (480, "Total HT")]),
        (264, [(40, "Carton 400 x 300 x 300"), (330, "500"), (400, "1,20"), (480, "600,00")]),
        (300, [(400, "Total HT"), (480, "600,00")]),
        (312, [(400, "TVA 20 %"), (480, "120,00")]),
        (324, [(400, "Total TTC"), (480, "720,00")]),
    ]
    return rows


def test_the_person_who_placed_the_order_among_its_details_is_no_buyer(
    settings: Settings, tmp_path: Path
) -> None:
    # "Acheteur :" (the packs' buying agent) between the order's date and its terms, a
    # person's name beside it: who placed the order, for the company that issues it
    details = [
        (0, "Date de commande : 02/12/2026"),
        (0, "Livraison souhaitée : 15/12/2026"),
        (0, "Acheteur :   Margaux Leroy"),
        (0, "Conditions :   30 jours fin de mois"),
    ]
    f = drawn_fields(settings, tmp_path, _order(details, ship_to="Verrerie Morvan SAS"))
    assert (f["doc_type"], f["vendor"], f["buyer"]) == (
        "purchase_order",
        "Cartonnages Vidal SARL",
        "Verrerie Morvan SAS",
    )


def test_the_buyers_person_after_another_detail_on_its_line_is_no_buyer(
    settings: Settings, tmp_path: Path
) -> None:
    details = [(0, "Order date: 02/12/2026"), (0, "Payment: 45 days net. Buyer: Tom Ashworth.")]
    rows = _order(details, ship_to="Verrerie Morvan SAS", lang="en")
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == ("Cartonnages Vidal SARL", "Verrerie Morvan SAS")


def test_a_buyers_label_over_a_company_and_its_address_still_names_the_buyer(
    settings: Settings, tmp_path: Path
) -> None:
    # the same title over a company's name with its address under it heads a block
    rows: Rows = [
        (40, [(40, "Cartonnages Vidal SARL", 14), (350, "FACTURE", 14)]),
        (56, [(40, "14 avenue de la Gare"), (350, "N° FA-2026-0907")]),
        (68, [(40, "18000 Bourges"), (350, "Date : 02/12/2026")]),
        (110, [(300, "Acheteur :")]),
        (122, [(300, "Verrerie Morvan SAS")]),
        (134, [(300, "7 rue des Forges")]),
        (146, [(300, "58000 Nevers")]),
        (250, [(40, "Désignation"), (330, "Qté"), (400, "P.U. HT"), (480, "Total HT")]),
        (264, [(40, "Carton 400 x 300 x 300"), (330, "500"), (400, "1,20"), (480, "600,00")]),
        (300, [(400, "Total HT"), (480, "600,00")]),
        (312, [(400, "TVA 20 %"), (480, "120,00")]),
        (324, [(400, "Total TTC"), (480, "720,00")]),
    ]
    f = drawn_fields(settings, tmp_path, rows)
    assert (f["vendor"], f["buyer"]) == ("Cartonnages Vidal SARL", "Verrerie Morvan SAS")


def test_a_site_after_the_companys_legal_form_is_no_part_of_its_name(
    settings: Settings, tmp_path: Path
) -> None:
    # the delivery block names the issuer's warehouse after its name and a dash
    details = [(0, "Date de commande : 02/12/2026")]
    rows = _order(details, ship_to="Verrerie Morvan SAS – Entrepôt 2")
    f = drawn_fields(settings, tmp_path, rows)
    assert f["buyer"] == "Verrerie Morvan SAS"
    assert clean_name("Harlow Plastics Ltd - Goods In") == "Harlow Plastics Ltd"
    # a dash inside a name, or no legal form before it, is kept
    assert clean_name("Rolls-Royce Motor Cars Ltd") == "Rolls-Royce Motor Cars Ltd"
    assert clean_name("North - South Freight") == "North - South Freight"
