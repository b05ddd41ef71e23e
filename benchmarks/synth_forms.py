"""Office-form conventions for the layout stress generator, layered on a
:class:`benchmarks.synth_docs.Spec` by :func:`choose` after the generic supplier layouts
(:mod:`benchmarks.synth_layouts`) and drawn by :mod:`benchmarks.synth_draw`:

- contact lines under the letterhead (phone, fax, e-mail, web site): digits and words
  that are neither a number nor a party;
- a row of boxed details (or "Label: value" lines, two to a row) between the document's
  details and its table, the way office templates print them: the salesperson (or
  "prepared by", or on an order the person who asked for it, or its buyer: a person, not
  the buying company), the carrier, the delivery terms and the payment terms;
- on a US-dollar document, a shipping and handling charge after the sales tax (the
  total is then more than net plus tax), and the sales tax as a taxable amount, a rate
  and the tax due on rows of their own;
- on a quote, the customer's block under "Prepared for" or "Quote for".

The choices come from their own random generator (seeded from the run's seed), so the
documents of a seed are those of the generic layouts with these conventions added.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from benchmarks.synth_docs import Spec
from benchmarks.synth_layouts import grid
from benchmarks.synth_words import CONTACTS

#: Per language, the labels of the details row and the values printed under them.
FORM_WORDS: dict[str, dict[str, list[str]]] = {
    "en": {
        "shipped": ["Shipped", "Qty Shipped", "Ship Qty"],
        "ordered": ["Ordered", "Qty Ordered", "Order Qty"],
        "backorder": ["B/O", "Back Order", "Backordered"],
        "salesperson": ["Salesperson", "Sales Rep", "Prepared by", "Account Manager"],
        "requisitioner": ["Requisitioner", "Requested by", "Buyer", "Ordered by"],
        "ship_via": ["Shipped via", "Ship Via", "Carrier"],
        "fob": ["F.O.B. Point", "FOB", "Incoterms"],
        "terms": ["Terms", "Payment Terms"],
        "terms_values": ["Net 30", "Due on receipt", "2% 10, Net 30", "Net 15"],
        "via_values": ["UPS Ground", "FedEx", "DHL Express", "Best Way", "Will call"],
        "fob_values": ["Origin", "Destination", "EXW", "DAP"],
        "shipping": ["Shipping & Handling", "Freight", "Shipping"],
        "taxable": ["Taxable", "Taxable amount"],
        "tax_rate": ["Tax rate", "Sales tax rate"],
        "tax_due": ["Tax due", "Sales tax", "Tax"],
        "prepared_for": ["Prepared for", "Quote for", "Quotation for"],
        "phone": ["Phone", "Tel.", "P:"],
        "fax": ["Fax", "F:"],
        "email": ["Email", "E-mail"],
    },
    "de": {
        "shipped": ["Geliefert", "Liefermenge"],
        "ordered": ["Bestellt", "Bestellmenge"],
        "backorder": ["Rückstand", "Offen"],
        "salesperson": ["Sachbearbeiter", "Ihr Ansprechpartner", "Bearbeiter"],
        "requisitioner": ["Besteller", "Angefordert von", "Einkäufer"],
        "ship_via": ["Versandart", "Versand"],
        "fob": ["Lieferbedingung", "Incoterms"],
        "terms": ["Zahlungsbedingungen", "Zahlungsziel"],
        "terms_values": ["30 Tage netto", "14 Tage 2 % Skonto", "sofort ohne Abzug"],
        "via_values": ["DHL", "Spedition", "UPS Standard", "Abholung"],
        "fob_values": ["frei Haus", "ab Werk", "DAP"],
        "prepared_for": ["Angebot für", "Erstellt für"],
        "phone": ["Tel.", "Telefon"],
        "fax": ["Fax"],
        "email": ["E-Mail"],
    },
    "fr": {
        "shipped": ["Livré", "Qté livrée"],
        "ordered": ["Commandé", "Qté cdée"],
        "backorder": ["Reliquat", "Reste à livrer"],
        "salesperson": ["Commercial", "Votre contact", "Établi par"],
        "requisitioner": ["Demandeur", "Acheteur", "Commandé par"],
        "ship_via": ["Expédition", "Transporteur"],
        "fob": ["Incoterm", "Conditions de livraison"],
        "terms": ["Conditions de paiement", "Règlement"],
        "terms_values": ["30 jours net", "À réception", "45 jours fin de mois"],
        "via_values": ["Colissimo", "DHL", "Messagerie", "Enlèvement"],
        "fob_values": ["Franco", "Départ usine", "DAP"],
        "prepared_for": ["Devis pour", "Établi pour"],
        "phone": ["Tél.", "Téléphone"],
        "fax": ["Fax"],
        "email": ["E-mail", "Courriel"],
    },
    "es": {
        "shipped": ["Servido", "Cant. servida"],
        "ordered": ["Pedido", "Cant. pedida"],
        "backorder": ["Pendiente"],
        "salesperson": ["Comercial", "Vendedor", "Preparado por"],
        "requisitioner": ["Solicitante", "Comprador", "Pedido por"],
        "ship_via": ["Envío", "Transportista"],
        "fob": ["Incoterm", "Condiciones de entrega"],
        "terms": ["Forma de pago", "Condiciones de pago"],
        "terms_values": ["30 días", "Transferencia 30 días", "Contado"],
        "via_values": ["SEUR", "MRW", "Agencia", "Recogida"],
        "fob_values": ["Portes pagados", "En fábrica", "DAP"],
        "prepared_for": ["Presupuesto para", "Preparado para"],
        "phone": ["Tel.", "Teléfono"],
        "fax": ["Fax"],
        "email": ["Email", "Correo"],
    },
    "it": {
        "shipped": ["Consegnato", "Q.tà cons."],
        "ordered": ["Ordinato", "Q.tà ord."],
        "backorder": ["Residuo", "Da consegnare"],
        "salesperson": ["Agente", "Referente", "Preparato da"],
        "requisitioner": ["Richiedente", "Buyer", "Ordinato da"],
        "ship_via": ["Spedizione", "Vettore"],
        "fob": ["Resa", "Incoterm"],
        "terms": ["Pagamento", "Condizioni di pagamento"],
        "terms_values": ["Bonifico 30 gg", "Ri.Ba. 60 gg d.f.f.m.", "Rimessa diretta"],
        "via_values": ["Corriere", "BRT", "Mittente", "Destinatario"],
        "fob_values": ["Franco destino", "Franco partenza", "DAP"],
        "prepared_for": ["Offerta per", "Preparato per"],
        "phone": ["Tel.", "Telefono"],
        "fax": ["Fax"],
        "email": ["E-mail"],
    },
    "nl": {
        "shipped": ["Geleverd"],
        "ordered": ["Besteld"],
        "backorder": ["Nalevering", "Restant"],
        "salesperson": ["Verkoper", "Contactpersoon", "Opgesteld door"],
        "requisitioner": ["Aanvrager", "Inkoper", "Besteld door"],
        "ship_via": ["Verzendwijze", "Vervoerder"],
        "fob": ["Leveringscondities", "Incoterms"],
        "terms": ["Betalingstermijn", "Betalingsvoorwaarden"],
        "terms_values": ["30 dagen netto", "14 dagen", "Direct"],
        "via_values": ["PostNL", "DHL", "Afhalen", "Eigen vervoer"],
        "fob_values": ["Franco", "Af fabriek", "DAP"],
        "prepared_for": ["Offerte voor", "Opgesteld voor"],
        "phone": ["Tel.", "Telefoon"],
        "fax": ["Fax"],
        "email": ["E-mail"],
    },
    "pt": {
        "shipped": ["Entregue", "Qtd. entregue"],
        "ordered": ["Encomendado", "Qtd. enc."],
        "backorder": ["Pendente"],
        "salesperson": ["Comercial", "Vendedor", "Preparado por"],
        "requisitioner": ["Requisitante", "Comprador", "Pedido por"],
        "ship_via": ["Expedição", "Transportadora"],
        "fob": ["Incoterm", "Condições de entrega"],
        "terms": ["Condições de pagamento", "Pagamento"],
        "terms_values": ["30 dias", "Pronto pagamento", "60 dias"],
        "via_values": ["CTT", "Transportadora", "Levantamento"],
        "fob_values": ["Porte pago", "À saída", "DAP"],
        "prepared_for": ["Orçamento para", "Preparado para"],
        "phone": ["Tel.", "Telefone"],
        "fax": ["Fax"],
        "email": ["Email"],
    },
}


def choose(spec: Spec, rng: random.Random) -> Spec:
    """Add the office-form conventions' choices to ``spec`` (in place; returned)."""
    lay, fw = spec.layout, FORM_WORDS[spec.lang]
    lay["contact_lines"] = rng.random() < 0.4
    lay["details_row"] = rng.random() < 0.3
    lay["details_list"] = rng.random() < 0.5  # as "Label: value" lines, not boxes
    lay["shipping"] = None
    if spec.currency == "USD" and not lay.get("tax_table") and rng.random() < 0.5:
        lay["shipping"] = (
            Decimal(rng.choice([15, 25, 40, 75])) + Decimal(rng.choice([0, 50, 95])) / 100
        )
        spec.total += lay["shipping"]
    # a US sales-tax form: the taxable amount, the rate and the tax due on rows of their own
    lay["rate_rows"] = (
        spec.currency == "USD"
        and len(spec.taxes) == 1
        and not lay.get("tax_table")
        and rng.random() < 0.5
    )
    if spec.kind == "invoice" and rng.random() < 0.3:
        _shipped_columns(spec, rng)
    skip = ("_values", "shipped", "ordered", "backorder")
    words = {slot: rng.choice(v) for slot, v in fw.items() if not slot.endswith(skip)}
    words["person"] = rng.choice(CONTACTS)
    words["terms_value"] = rng.choice(fw["terms_values"])
    words["via_value"] = rng.choice(fw["via_values"])
    words["fob_value"] = rng.choice(fw["fob_values"])
    words["phone_no"] = _phone(rng, spec)
    spec.words.update({f"form_{k}": v for k, v in words.items()})
    if spec.kind == "estimate" and lay["buyer_label"] and rng.random() < 0.5:
        spec.words["bill_to"] = words["prepared_for"]
    return spec


def _shipped_columns(spec: Spec, rng: random.Random) -> None:
    """An invoice of a delivery that came short: the quantity ordered, shipped (the one
    charged, under the quantity's column) and back-ordered, side by side."""
    fw = FORM_WORDS[spec.lang]
    cols = spec.layout["columns"]
    if "quantity" not in cols or "unit" in cols or spec.layout.get("qty_unit"):
        return
    spec.layout["shipped_columns"] = True
    at = cols.index("quantity")
    cols[at : at + 1] = ["ordered", "quantity", "backorder"]
    spec.words["quantity"] = rng.choice(fw["shipped"])
    spec.words["ordered"] = rng.choice(fw["ordered"])
    spec.words["backorder"] = rng.choice(fw["backorder"])
    for item in spec.lines:
        item["backorder"] = Decimal(rng.choice([0, 0, 1, 2, 5]))


def shipped_cells(spec: Spec, item: dict[str, Any], quantity: str) -> dict[str, str]:
    """The ordered and back-ordered cells of an item (``quantity``: the shipped one as
    printed), where the invoice prints them."""
    if not spec.layout.get("shipped_columns"):
        return {}
    back = item["backorder"]
    if "." in quantity or "," in quantity or not back:
        return {"ordered": quantity, "backorder": "0"}
    return {"ordered": str(int(item["quantity"]) + int(back)), "backorder": str(back)}


def _phone(rng: random.Random, spec: Spec) -> str:
    if spec.currency == "USD":
        return f"({rng.randint(201, 989)}) {rng.randint(200, 999)}-{rng.randint(1000, 9999)}"
    code = {"en": 44, "de": 49, "fr": 33, "es": 34, "it": 39, "nl": 31, "pt": 351}[spec.lang]
    return f"+{code} {rng.randint(20, 89)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def contact_lines(spec: Spec, name: str) -> list[str]:
    """Phone, fax, e-mail and web site lines of the issuer called ``name``."""
    if not spec.layout.get("contact_lines"):
        return []
    w = spec.words
    host = "".join(ch for ch in name.split()[0].casefold() if ch.isalnum()) or "mail"
    fax = w["form_phone_no"][:-1] + str((int(w["form_phone_no"][-1]) + 1) % 10)
    return [
        f"{w['form_phone']} {w['form_phone_no']}  {w['form_fax']} {fax}",
        f"{w['form_email']}: info@{host}.com  www.{host}.com",
    ]


def details_row(spec: Spec) -> list[tuple[str, str]]:
    """The boxed details row's (label, value) cells, or none."""
    if not spec.layout.get("details_row"):
        return []
    w = spec.words
    ordered = spec.kind == "purchase_order"
    person = w["form_requisitioner"] if ordered else w["form_salesperson"]
    return [
        (person, w["form_person"]),
        (w["form_ship_via"], w["form_via_value"]),
        (w["form_fob"], w["form_fob_value"]),
        (w["form_terms"], w["form_terms_value"]),
    ]


def totals_rows(
    spec: Spec, rows: list[tuple[str, str]], money: Callable[[Decimal], str]
) -> list[tuple[str, str]]:
    """The totals block's rows over the total (``rows``: the subtotal, then a tax row per
    rate) as the form prints them: the tax as a taxable amount, a rate and the tax due,
    and the shipping charge after it."""
    w = spec.words
    if spec.layout.get("rate_rows"):
        rate, base, tax = spec.taxes[0]
        rows = [
            rows[0],
            (w["form_taxable"], money(base)),
            (w["form_tax_rate"], f"{rate:.3f}%"),
            (w["form_tax_due"], money(tax)),
        ]
    if spec.layout.get("shipping"):
        rows = [*rows, (w["form_shipping"], money(spec.layout["shipping"]))]
    return rows


def draw_details(c: Canvas, spec: Spec, y: float) -> float:
    """Draw the details row as a boxed grid, or as "Label: value" lines; returns the height
    below it."""
    cells = details_row(spec)
    if not cells:
        return y
    if spec.layout.get("details_list"):  # "Label: value" lines, two to a row
        c.setFont("Helvetica", 9)
        for i, (label, value) in enumerate(cells):
            x = 50 + 250 * (i % 2)
            c.drawString(x, y - 12 * (i // 2), f"{label}: {value}")
        return y - 12 * ((len(cells) + 1) // 2) - 14
    return grid(c, spec, cells, y)
