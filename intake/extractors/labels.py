"""Label vocabularies, per field, in English, German, French, Spanish and Dutch.

Each entry is (regex, weight): the weight says how surely the label announces the field
(1.0 = unmistakable, lower for generic words such as "Date" or "Total"). Patterns are
matched case-insensitively against the text of one cell.
"""

from __future__ import annotations

import re

__all__ = ["LABELS", "TITLES", "compile_labels"]

_NO = r"(?:no\.?|nr\.?|n\.?\s?[°ºo]\.?|num(?:ber|ero|éro)?\.?|#|id|nummer|número)"

LABELS: dict[str, list[tuple[str, float]]] = {
    "invoice_number": [
        (rf"invoice\s*{_NO}", 1.0),
        (rf"inv\.?\s*{_NO}", 0.9),
        (r"rechnungs-?\s*(?:nummer|nr\.?|no\.?)", 1.0),
        (rf"rechnung\s*{_NO}", 1.0),
        (r"(?:n[°º]|num[ée]ro)\s*(?:de\s*)?(?:la\s*)?facture", 1.0),
        (rf"facture\s*{_NO}", 1.0),
        (rf"factura\s*{_NO}", 1.0),
        (r"n[úu]mero\s*de\s*factura", 1.0),
        (r"factuur\s*-?(?:nummer|nr\.?|no\.?)", 1.0),
        (rf"bill\s*{_NO}", 0.8),
        (rf"receipt\s*{_NO}", 0.8),
        (r"(?:tax\s*)?invoice\s*(?:ref(?:erence)?)", 0.8),
        (rf"document\s*{_NO}", 0.5),
        (rf"credit\s*note\s*{_NO}", 0.9),
        (r"invoice\s*:", 0.6),
        (r"belegnummer|beleg-?nr\.?", 0.7),
    ],
    "po_number": [
        (rf"(?:purchase\s*)?order\s*{_NO}", 0.9),
        (rf"p\.?\s*o\.?\s*{_NO}", 1.0),
        (r"p\.?o\.?\s*:", 0.8),
        (r"purchase\s*order", 0.7),
        (r"bestell-?\s*(?:nummer|nr\.?)", 1.0),
        (r"auftrags-?\s*(?:nummer|nr\.?)", 0.8),
        (rf"(?:bon\s*de\s*)?commande\s*{_NO}", 0.9),
        (r"(?:n[°º]|num[ée]ro)\s*de\s*commande", 1.0),
        (rf"pedido\s*{_NO}", 0.9),
        (rf"orden\s*de\s*compra\s*{_NO}?", 0.9),
        (r"(?:inkoop)?order\s*-?(?:nummer|nr\.?)", 0.9),
        (rf"your\s*(?:order|ref(?:erence)?)\s*{_NO}?", 0.6),
        (rf"contract\s*{_NO}", 0.6),
        (r"ihre\s*bestellung", 0.6),
    ],
    "quote_number": [
        (rf"(?:quot(?:e|ation)|estimate|proposal)\s*{_NO}", 1.0),
        (r"angebots-?\s*(?:nummer|nr\.?)", 1.0),
        (rf"angebot\s*{_NO}", 1.0),
        (rf"devis\s*{_NO}", 1.0),
        (r"(?:n[°º]|num[ée]ro)\s*de\s*devis", 1.0),
        (rf"(?:presupuesto|cotizaci[óo]n)\s*{_NO}", 1.0),
        (r"offerte\s*-?(?:nummer|nr\.?)", 1.0),
        (r"(?:your\s*)?quote\s*ref(?:erence)?", 0.8),
    ],
    "issue_date": [
        (r"invoice\s*date|date\s*of\s*invoice|date\s*invoiced", 1.0),
        (r"rechnungsdatum|datum\s*der\s*rechnung", 1.0),
        (r"date\s*(?:de\s*(?:la\s*)?)?facture|date\s*de\s*facturation", 1.0),
        (r"fecha\s*(?:de\s*(?:la\s*)?)?(?:factura|emisi[óo]n)", 1.0),
        (r"factuurdatum", 1.0),
        (r"(?:issue|issued|document)\s*(?:date|on)|date\s*(?:of\s*)?issue", 0.9),
        (r"(?:order|po)\s*date|bestelldatum|date\s*de\s*commande|fecha\s*de\s*pedido", 0.9),
        (r"(?:quot(?:e|ation)|estimate)\s*date|angebotsdatum|date\s*du\s*devis", 0.9),
        (r"belegdatum|ausstellungsdatum|leistungsdatum", 0.6),
        (r"(?<![a-z])date(?![a-z])|(?<![a-z])datum(?![a-z])|(?<![a-z])fecha(?![a-z])", 0.5),
        (r"(?<![a-z])dated?(?![a-z])", 0.4),
    ],
    "due_date": [
        (r"(?:payment\s*)?due\s*(?:date|by|on)?|date\s*due|pay(?:ment)?\s*by", 1.0),
        (r"f[äa]llig(?:keit|keitsdatum|\s*am|\s*bis)?|zahlbar\s*bis|zahlungsziel", 1.0),
        (r"(?:date\s*d['’])?[ée]ch[ée]ance|[àa]\s*payer\s*avant", 1.0),
        (r"(?:fecha\s*de\s*)?vencimiento", 1.0),
        (r"vervaldatum|te\s*betalen\s*voor|uiterste\s*betaaldatum", 1.0),
    ],
    "valid_until": [
        (r"valid\s*(?:until|till|through|to)|expir(?:es|y|ation)(?:\s*date)?|quote\s*valid", 1.0),
        (r"g[üu]ltig\s*bis|bindefrist", 1.0),
        (r"valable\s*jusqu['’]?\s*au|validit[ée]", 1.0),
        (r"v[áa]lid[oa]\s*hasta|validez", 1.0),
        (r"geldig\s*tot", 1.0),
    ],
    "total": [
        (r"(?:grand|invoice|order|net)\s*total|total\s*(?:amount\s*)?(?:due|payable)", 1.0),
        (r"amount\s*(?:due|payable)|balance\s*due|total\s*amount|total\s*to\s*pay", 1.0),
        (r"total\s*(?:incl|inc)\.?|total\s*\(incl", 0.9),
        (r"gesamt-?\s*(?:betrag|summe)|endbetrag|rechnungsbetrag|zahlbetrag|zu\s*zahlen", 1.0),
        (r"brutto-?\s*(?:betrag|summe)|summe\s*brutto|gesamt\s*brutto", 1.0),
        (r"total\s*ttc|montant\s*ttc|net\s*[àa]\s*payer|montant\s*total", 1.0),
        (r"total\s*(?:a\s*pagar|factura)|importe\s*total", 1.0),
        (r"totaal(?:bedrag)?|te\s*betalen|totaal\s*incl", 1.0),
        (r"(?<![a-z])total(?![a-z])", 0.6),
    ],
    "subtotal": [
        (r"sub-?\s*total|net\s*amount|total\s*net|total\s*(?:before|excl|excluding)\s*\w*", 1.0),
        (r"zwischensumme|netto-?\s*(?:betrag|summe)|summe\s*netto|gesamt\s*netto", 1.0),
        (r"total\s*h\.?t\.?|montant\s*h\.?t\.?", 1.0),
        (r"base\s*imponible|subtotal", 1.0),
        (r"subtotaal|totaal\s*excl", 1.0),
    ],
    "tax": [
        (r"(?:total\s*)?(?:sales\s*)?(?:tax|vat|gst|hst)(?:\s*amount|\s*total)?", 0.9),
        (r"mwst\.?|ust\.?|umsatzsteuer|mehrwertsteuer", 0.9),
        (r"(?:montant\s*|total\s*)?tva", 0.9),
        (r"(?:total\s*)?i\.?v\.?a\.?|impuestos?", 0.9),
        (r"btw(?:\s*bedrag)?", 0.9),
    ],
    "buyer": [
        (r"bill(?:ed)?\s*to|invoice\s*to|sold\s*to|customer|client|purchaser|buyer", 1.0),
        (r"rechnungsempf[äa]nger|kunde|auftraggeber|rechnung\s*an", 1.0),
        (r"factur[ée]\s*[àa]|client|destinataire", 1.0),
        (r"facturar\s*a|cliente", 1.0),
        (r"factuur\s*aan|klant", 1.0),
        (r"advertiser", 0.8),
    ],
    "vendor": [
        (r"(?:from|seller|vendor|supplier|issued\s*by|remit\s*to|payable\s*to)\s*:", 1.0),
        (r"verk[äa]ufer|lieferant|rechnungssteller", 1.0),
        (r"fournisseur|vendeur|[ée]metteur", 1.0),
        (r"proveedor|vendedor|emisor", 1.0),
        (r"leverancier|verkoper", 1.0),
    ],
}

#: Title words: what a document calls itself, strongest evidence of its type.
TITLES: dict[str, list[tuple[str, float]]] = {
    "invoice": [
        (r"(?:tax\s*|commercial\s*|proforma\s*|pro-forma\s*)?invoice|receipt|bill", 1.0),
        (r"credit\s*note|debit\s*note", 1.0),
        (r"rechnung|gutschrift|quittung|beleg", 1.0),
        (r"facture|avoir|re[çc]u", 1.0),
        (r"factura|recibo|nota\s*de\s*cr[ée]dito", 1.0),
        (r"factuur|creditnota|kwitantie|bon", 0.8),
    ],
    "purchase_order": [
        (r"purchase\s*order|order\s*confirmation|p\.?o\.?(?![a-z])|order(?![a-z])", 1.0),
        (r"bestellung|auftrag|auftragsbest[äa]tigung|bestellschein", 1.0),
        (r"bon\s*de\s*commande|commande", 1.0),
        (r"orden\s*de\s*compra|pedido", 1.0),
        (r"inkooporder|bestelling|bestelbon|order", 1.0),
    ],
    "estimate": [
        (r"estimate|quot(?:e|ation)|proposal|price\s*offer|offer", 1.0),
        (r"angebot|kostenvoranschlag|kostensch[äa]tzung", 1.0),
        (r"devis|offre(?:\s*de\s*prix)?|proposition", 1.0),
        (r"presupuesto|cotizaci[óo]n|oferta", 1.0),
        (r"offerte|prijsopgave", 1.0),
    ],
    "contract": [
        (r"agreement|contract|memorandum\s*of\s*understanding|terms\s*and\s*conditions", 1.0),
        (r"vertrag|vereinbarung", 1.0),
        (r"contrat|accord|convention", 1.0),
        (r"contrato|acuerdo|convenio", 1.0),
        (r"overeenkomst|contract", 1.0),
    ],
}


def compile_labels(entries: list[tuple[str, float]]) -> list[tuple[re.Pattern[str], float]]:
    """Compile (regex, weight) pairs, each anchored at word boundaries."""
    return [
        (re.compile(rf"(?<![\w])(?:{pattern})(?![\w])", re.IGNORECASE), weight)
        for pattern, weight in entries
    ]
