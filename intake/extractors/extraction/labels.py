"""Label vocabularies, per field: English, German, French, Spanish and Dutch, with the most
common Italian, Portuguese and Polish labels as well.

Each entry is (regex, weight): the weight says how surely the label announces the field
(1.0 = unmistakable, lower for generic words such as "Date" or "Total"). A weight of 0
marks a *distractor*: a label that looks like the field's but announces something else
("Alt Order #", "Customer No.", "Net Total"); where it matches, the field's own weaker
patterns do not. Patterns are matched case-insensitively against the text of one cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["LABELS", "TELLING", "TITLES", "LabelSet", "compile_labels", "label_set"]

# "No.", "Nr.", "N°", "#", "Number", "Nummer", "Número", "Numéro", "ID", "Ref"
_NO = (
    r"(?:no\.?|nr\.?|n\.?\s?[°ºo]\.?|num(?:ber|ero|éro|mer)?\.?|#|id|nummer|n[úu]mero|"
    r"ref(?:erence|\.)?)"
)

LABELS: dict[str, list[tuple[str, float]]] = {
    "invoice_number": [
        (rf"(?:tax\s*|vat\s*|commercial\s*)?invoice\s*{_NO}", 1.0),
        (rf"inv\.?\s*{_NO}", 0.9),
        (r"rechnungs-?\s*(?:nummer|nr\.?|no\.?)", 1.0),
        (rf"rechnung\s*{_NO}", 1.0),
        (r"(?:n[°º]|num[ée]ro)\s*(?:de\s*)?(?:la\s*)?facture", 1.0),
        (rf"facture\s*{_NO}", 1.0),
        (rf"factura\s*{_NO}", 1.0),
        (r"n[úu]mero\s*de\s*(?:la\s*)?factura", 1.0),
        (r"factuur\s*-?\s*(?:nummer|nr\.?|no\.?)", 1.0),
        (rf"fattura\s*{_NO}|numero\s*fattura", 1.0),
        (rf"faktura\s*{_NO}|numer\s*faktury", 1.0),
        (rf"(?:bill|receipt|credit\s*note|gutschrift|avoir)\s*{_NO}", 0.8),
        (r"belegnummer|beleg-?nr\.?|document\s*no\.?", 0.6),
        (r"invoice", 0.45),  # "Invoice INV/2023/03/0008": a bare title followed by the number
        (r"facture|rechnung|factura|factuur", 0.4),
        (r"^#", 0.35),  # "# 1042" under an INVOICE title
        (rf"(?:customer|client|account|kunden|tax|vat|order|tracking)\s*{_NO}", 0.0),
    ],
    "po_number": [
        (rf"p\.?\s?o\.?\s*{_NO}|purchase\s*order\s*{_NO}?", 1.0),
        (r"p\.?o\.?\s*:", 0.9),
        (rf"(?:customer\s*|your\s*)?order\s*(?:/\s*rev\.?\s*|{_NO})", 0.85),
        (rf"contract\s*(?:/\s*revision|{_NO})", 0.85),
        (r"contract", 0.5),
        (r"bestell-?\s*(?:nummer|nr\.?|no\.?)|ihre\s*bestellung", 1.0),
        (r"auftrags-?\s*(?:nummer|nr\.?)", 0.8),
        (rf"(?:bon\s*de\s*)?commande\s*{_NO}|(?:n[°º]|num[ée]ro)\s*de\s*commande", 1.0),
        (rf"pedido\s*{_NO}|orden\s*de\s*compra(?:\s*{_NO})?|n[úu]mero\s*de\s*pedido", 1.0),
        (r"(?:inkoop)?order\s*-?\s*(?:nummer|nr\.?)|bestelnummer", 1.0),
        (rf"ordine\s*{_NO}|zam[óo]wienie\s*{_NO}", 0.9),
        (r"your\s*ref(?:erence)?|ihr\s*zeichen|votre\s*r[ée]f[ée]rence", 0.5),
        (rf"alt\.?\s*order\s*{_NO}?|order\s*(?:date|type|flight|%)|sales\s*order", 0.0),
    ],
    "quote_number": [
        (rf"(?:quot(?:e|ation)|estimate|proposal|offer)\s*{_NO}", 1.0),
        (r"angebots-?\s*(?:nummer|nr\.?)", 1.0),
        (rf"angebot\s*{_NO}", 1.0),
        (rf"devis\s*{_NO}|(?:n[°º]|num[ée]ro)\s*de\s*devis", 1.0),
        (rf"(?:presupuesto|cotizaci[óo]n|oferta)\s*{_NO}", 1.0),
        (r"offerte\s*-?\s*(?:nummer|nr\.?)", 1.0),
        (rf"preventivo\s*{_NO}|oferta\s*nr", 1.0),
        (r"(?:your\s*)?quote\s*ref(?:erence)?|ref(?:erence)?\s*quote", 0.8),
        (r"quot(?:e|ation)|estimate|angebot|devis|presupuesto|offerte", 0.4),
    ],
    "issue_date": [
        (r"invoice\s*date|date\s*of\s*invoice|date\s*invoiced|invoiced\s*on|billing\s*date", 1.0),
        (r"rechnungsdatum|datum\s*der\s*rechnung|rechnungs-?datum", 1.0),
        (r"date\s*(?:de\s*(?:la\s*)?)?facture|date\s*de\s*facturation|factur[ée]e?\s*le", 1.0),
        (r"fecha\s*(?:de\s*(?:la\s*)?)?(?:factura|emisi[óo]n|expedici[óo]n)", 1.0),
        (
            r"factuurdatum|data\s*(?:della\s*)?fattura|data\s*wystawienia|data\s*de\s*emiss[ãa]o",
            1.0,
        ),
        (r"(?:issue|issued|document)\s*(?:date|on)|date\s*(?:of\s*)?issue|date\s*issued", 0.9),
        (r"(?:order|po|purchase\s*order)\s*date|bestelldatum|date\s*de\s*(?:la\s*)?commande", 0.9),
        (r"fecha\s*(?:del\s*)?pedido|besteldatum|orderdatum|data\s*zam[óo]wienia", 0.9),
        (r"(?:quot(?:e|ation)|estimate|proposal)\s*date|angebotsdatum|date\s*du\s*devis", 0.9),
        (r"offertedatum|fecha\s*(?:del\s*)?presupuesto", 0.9),
        (r"belegdatum|ausstellungsdatum|datum\s*:|date\s*:|fecha\s*:|datum|date|fecha", 0.5),
        (r"tarikh|dated?|data", 0.4),
        (
            r"due\s*date|delivery\s*date|ship(?:ping|ment)?\s*date|print(?:ed)?\s*date|"
            r"lieferdatum|leistungsdatum|date\s*de\s*livraison|fecha\s*de\s*entrega|"
            r"start\s*date|end\s*date|valid|period|gen\.?\s*date|from|to",
            0.0,
        ),
    ],
    "due_date": [
        (r"(?:payment\s*)?due\s*(?:date|by|on)|date\s*due|pay(?:ment)?\s*by|payable\s*by", 1.0),
        (r"f[äa]llig(?:keit|keitsdatum|\s*am|\s*bis)?|zahlbar\s*bis|zahlungsziel", 1.0),
        (
            r"(?:date\s*d['’])?[ée]ch[ée]ance|[àa]\s*payer\s*avant|date\s*limite\s*de\s*paiement",
            1.0,
        ),
        (r"(?:fecha\s*(?:de\s*)?)?vencimiento|pagar\s*antes\s*de", 1.0),
        (r"vervaldatum|te\s*betalen\s*voor|uiterste\s*betaaldatum|betalen\s*voor", 1.0),
        (r"scadenza|termin\s*p[łl]atno[śs]ci|data\s*de\s*vencimento", 1.0),
        (r"due", 0.6),
    ],
    "valid_until": [
        (r"valid\s*(?:until|till|through|thru|to)|expir(?:es|y|ation)(?:\s*date)?", 1.0),
        (r"quot(?:e|ation)\s*valid(?:\s*until)?|offer\s*valid(?:\s*until)?", 1.0),
        (r"g[üu]ltig\s*bis|bindefrist|angebot\s*g[üu]ltig\s*bis", 1.0),
        (r"valable\s*jusqu['’]?\s*au|date\s*de\s*validit[ée]|validit[ée]", 1.0),
        (r"v[áa]lid[oa]\s*hasta|validez|fecha\s*de\s*validez", 1.0),
        (r"geldig\s*tot|geldigheid|valido\s*fino\s*al|wa[żz]na\s*do", 1.0),
    ],
    # when the goods are to arrive: an order's requested (or promised) date, an invoice's
    # date of delivery; a delivery address, note or charge is no date of delivery
    "delivery_date": [
        (
            r"(?:requested|required|promised|expected|planned|confirmed)?\s*delivery\s*date|"
            r"date\s*of\s*delivery|deliver\s*(?:by|on)|delivery\s*(?:by|due)",
            1.0,
        ),
        (r"(?:expected|requested|planned)\s*ship(?:ping|ment)?\s*date|ship\s*by", 0.9),
        (r"(?:gew[üu]nschter\s*)?liefertermin|lieferdatum|liefertag|leistungsdatum", 1.0),
        (r"date\s*de\s*livraison(?:\s*souhait[ée]e)?|livraison\s*(?:le|pr[ée]vue)", 1.0),
        (r"fecha\s*de\s*entrega|entrega\s*prevista", 1.0),
        (r"leverdatum|leveringsdatum|data\s*(?:di\s*)?consegna|data\s*dostawy", 1.0),
        (r"delivery\s*(?:address|note|charge|fee|terms)|lieferadresse|lieferschein", 0.0),
    ],
    # what the goods or services cover; the flight of a broadcast order outranks the
    # period one invoice of it bills
    "service_period": [
        (
            r"(?:order\s*)?flight(?:\s*dates?)?|service\s*(?:period|dates?)|period\s*of\s*service",
            1.0,
        ),
        (
            r"(?:contract|schedule|campaign)\s*dates?|leistungszeitraum|p[ée]riode\s*de\s*service",
            0.9,
        ),
        (r"per[íi]odo\s*de\s*(?:servicio|prestaci[óo]n)|prestatieperiode", 0.9),
        (r"(?:invoice|billing|billed|statement)\s*period|abrechnungszeitraum|period", 0.6),
        (r"p[ée]riode\s*de\s*facturation|periodo\s*de\s*facturaci[óo]n|factuurperiode", 0.6),
    ],
    "total": [
        (
            r"(?:grand|invoice|order|gross)\s*total|"
            r"tota[l!|1,]\s*(?:amount\s*|amt\.?\s*)?(?:due|payable)",
            1.0,
        ),
        (r"amount\s*(?:due|payable)|balance\s*due|total\s*amount|total\s*to\s*pay", 1.0),
        (r"total\s*(?:incl\.?|including|inc\.?)\s*\w*|total\s*\(incl|rounded\s*total", 1.0),
        (r"total\s*\$|total\s*(?:eur|usd|gbp|chf|rm)|nett?\s*total\s*\(?rm|total\s*sales", 0.9),
        (r"gesamt-?\s*(?:betrag|summe)|endbetrag|rechnungsbetrag|zahlbetrag|zu\s*zahlen", 1.0),
        (r"brutto-?\s*(?:betrag|summe)|summe\s*brutto|gesamt\s*brutto|rechnungssumme", 1.0),
        (r"total\s*ttc|montant\s*ttc|net\s*[àa]\s*payer|montant\s*total|somme\s*[àa]\s*payer", 1.0),
        (r"total\s*(?:a\s*pagar|factura)|importe\s*total|total\s*general", 1.0),
        (r"totaal(?:bedrag)?|te\s*betalen|totaal\s*incl\.?\s*\w*", 1.0),
        (
            r"totale(?:\s*documento)?|razem|nale[żz]no[śs][ćc](?:\s*og[óo][łl]em)?|do\s*zap[łl]aty",
            1.0,
        ),
        # "Tota!": OCR; "TTL": a till's abbreviation
        (r"tota[l!|1]s?\s*:?|ttl|summe|montant|importe|amount", 0.6),
        (
            # "Total Item(s)" counts the items or sums their discounts ("Total Iter
            # Diecount": OCR), it is not what is due
            r"sub-?\s*total|net\s*total|total\s*net|nett?\s*amount|(?:total|ttl)\s*(?:spots|"
            r"units|qty|quantity|ite[mr]s?|weight|ht|excl\.?\s*\w*|before\s*\w+|discount|tax|vat)|"
            r"tax\s*total|total\s*savings|change|cash|tendered|payment|paid|rounding|"
            r"commission|agency\s*comm|net\s*amount|balance\s*(?:as\s*of|forward)|previous|"
            r"total\s*includes?|includ(?:ed|ing)\s*in\s*(?:the\s*)?total|"
            # the base a tax is charged on, in a tax summary ("Tazable Amount": OCR)
            r"ta[xz]able\s*(?:amount|amt|value|supplies)?",
            0.0,
        ),
    ],
    # what a till receipt says was handed over, and given back (see tender.py)
    "tendered": [
        (r"cash(?:\s*(?:tendered|received|paid))?|(?:amount\s*)?tendered|tunai", 1.0),
        (r"payment|paid(?:\s*amount)?|amount\s*paid", 0.8),
        (r"cash\s*(?:inv\w*|bill|sales?|refund|register|back|out|memo)|no\s*cash", 0.0),
    ],
    "change": [
        (r"ch[ao]nge(?:\s*(?:due|given|amount))?|baki|wang\s*baki", 1.0),  # OCR: a as o
    ],
    "subtotal": [
        (r"sub-?\s*total|total\s*(?:before|excl\.?|excluding|exclusive\s*of)\s*\w*", 1.0),
        (r"net\s*amount|nett?\s*total|total\s*net|amount\s*(?:before|excl\.?)\s*\w*", 0.7),
        (r"zwischensumme|netto-?\s*(?:betrag|summe)|summe\s*netto|gesamt\s*netto|nettobetrag", 1.0),
        (r"total\s*h\.?t\.?|montant\s*h\.?t\.?|sous-?\s*total", 1.0),
        (r"base\s*imponible|subtotal|importe\s*neto", 1.0),
        (r"subtotaal|totaal\s*excl\.?\s*\w*|exclusief\s*btw|excl\.?\s*btw", 1.0),
        (r"imponibile|warto[śs][ćc]\s*netto|razem\s*netto", 0.9),
        (r"exclusive\s*of\s*(?:vat|tax)|excl\.?\s*(?:vat|tax)|before\s*tax", 0.9),
    ],
    "tax": [
        (r"(?:total\s*)?(?:sales\s*)?(?:tax|vat|gst|hst|sst)(?:\s*amount|\s*total)?", 0.9),
        (r"mwst\.?|ust\.?|umsatzsteuer|mehrwertsteuer|steuer", 0.9),
        (r"(?:montant\s*|total\s*)?tva", 0.9),
        (r"(?:total\s*)?i\.?v\.?a\.?|impuestos?", 0.9),
        (r"btw(?:\s*bedrag)?|iva|kwota\s*vat|podatek", 0.9),
        (r"(?:tax|vat|gst)\s*(?:id|no|number|reg|registration|rate|%)|tva\s*intra|ust-?id", 0.0),
    ],
    "buyer": [
        (r"bill(?:ed)?\s*to|invoice\s*to|invoiced\s*to|sold\s*to|customer|client|purchaser", 1.0),
        (r"buyer|ship\s*to|deliver\s*to|consignee|attn|attention", 0.7),
        (r"rechnungsempf[äa]nger|kunde|auftraggeber|rechnung\s*an|lieferanschrift", 1.0),
        (r"factur[ée]\s*[àa]|client|destinataire|adresse\s*de\s*facturation", 1.0),
        (r"facturar\s*a|cliente|destinatario", 1.0),
        (r"factuur\s*aan|klant|afnemer", 1.0),
        (r"nabywca|odbiorca", 1.0),
        (r"advertiser", 0.8),
        # a party's number or code is not its name: "Customer No.", "Advertiser Code",
        # "Id. client", "Code client"
        (
            rf"(?:customer|client|advertiser|buyer|kunden|klant|cliente)\s*(?:{_NO}|code|"
            r"external\s*id|type|since|account|reference)|"
            rf"(?:{_NO}|code)\.?\s*(?:de\s*|du\s*)?(?:client|cliente|klant)",
            0.0,
        ),
    ],
    "vendor": [
        (r"from\s*:|(?:seller|vendor|supplier|issued\s*by|remit\s*to|payable\s*to)\s*:?", 1.0),
        (r"sold\s*by|service\s*provider|provider|merchant|bill\s*from|company\s*name", 0.9),
        (r"verk[äa]ufer|lieferant|rechnungssteller|absender|anbieter", 1.0),
        (r"fournisseur|vendeur|[ée]metteur|prestataire", 1.0),
        (r"proveedor|vendedor|emisor", 1.0),
        (r"leverancier|verkoper|fornitore|sprzedawca|fornecedor", 1.0),
    ],
}

#: Title words: what a document calls itself, strongest evidence of its type.
TITLES: dict[str, list[tuple[str, float]]] = {
    "invoice": [
        (r"(?:tax\s*|commercial\s*|proforma\s*|pro-forma\s*|final\s*|billing\s*)?invoices?", 1.0),
        (r"(?:official\s*)?(?:billing\s*)?invoice|receipt|cash\s*sale|bill", 1.0),
        (r"credit\s*note|debit\s*note|statement\s*of\s*account", 0.9),
        (r"rechnung|gutschrift|quittung|kassenbon|beleg", 1.0),
        (r"facture|avoir|re[çc]u|note\s*de\s*cr[ée]dit", 1.0),
        (r"factura|recibo|nota\s*de\s*cr[ée]dito|ticket", 1.0),
        (r"factuur|creditnota|kwitantie|kassabon", 1.0),
        (r"fattura|ricevuta|faktura|paragon|rachunek", 1.0),
    ],
    "purchase_order": [
        (r"purchase\s*order|order\s*confirmation|p\.?\s?o\.?|orders?|insertion\s*order", 1.0),
        (r"bestellung|auftrag|auftragsbest[äa]tigung|bestellschein", 1.0),
        (r"bon\s*de\s*commande|commande|confirmation\s*de\s*commande", 1.0),
        (r"orden\s*de\s*compra|pedido|orden", 1.0),
        (r"inkooporder|bestelling|bestelbon|opdrachtbevestiging", 1.0),
        (r"ordine(?:\s*d['’]acquisto)?|zam[óo]wienie", 1.0),
    ],
    "estimate": [
        (r"estimate|quot(?:e|ation)|proposal|price\s*offer|offer|pro\s*forma\s*quote", 1.0),
        (r"angebot|kostenvoranschlag|kostensch[äa]tzung", 1.0),
        (r"devis|offre(?:\s*de\s*prix)?|proposition\s*commerciale", 1.0),
        (r"presupuesto|cotizaci[óo]n|oferta", 1.0),
        (r"offerte|prijsopgave", 1.0),
        (r"preventivo|wycena", 1.0),
    ],
    "contract": [
        (r"(?:\w+\s+){0,4}agreement|contract|memorandum\s*of\s*understanding", 1.0),
        (r"terms\s*and\s*conditions|(?:\w+\s+)?addendum|amendment", 0.7),
        (r"\w*vertrag|vereinbarung", 1.0),
        (r"contrat|accord|convention", 1.0),
        (r"contrato|acuerdo|convenio", 1.0),
        (r"overeenkomst|contract", 1.0),
    ],
}


#: Labels that tell a type apart when no title does (each counts once per document).
TELLING: dict[str, list[tuple[str, float]]] = {
    "invoice": [
        (r"(?:tax\s*)?invoice\s*(?:no\.?|nr\.?|#|number|date|month|period|total)|inv\s*date", 0.5),
        (r"rechnungs(?:nummer|datum|betrag)|(?:n[°º]|date)\s*de\s*(?:la\s*)?facture", 0.5),
        (r"factuur(?:nummer|datum)|(?:n[úu]mero|fecha)\s*de\s*factura", 0.5),
        (r"remit\s*(?:to|address)|amount\s*due|balance\s*due|total\s*due|please\s*pay", 0.4),
        (r"due\s*date|f[äa]llig|[ée]ch[ée]ance|vencimiento|vervaldatum", 0.3),
        (r"payment\s*terms|zahlungsbedingungen|conditions\s*de\s*paiement", 0.15),
        (r"cashier|change\s*due|tendered|cash\s*sale|receipt\s*no", 0.4),
    ],
    "purchase_order": [
        (r"p\.?o\.?\s*(?:no\.?|#|number)|purchase\s*order\s*(?:no\.?|#|number|date)", 0.5),
        (r"order\s*/\s*rev|contract\s*/\s*revision|bestellnummer|n[°º]\s*de\s*commande", 0.5),
        (r"contract\s*(?:#|no\.?|number)|agency\s*order|insertion\s*order", 0.4),
        (r"ship\s*to|deliver\s*to|delivery\s*address|lieferadresse|adresse\s*de\s*livraison", 0.2),
        (r"(?:requested\s*)?delivery\s*date|liefertermin|date\s*de\s*livraison", 0.25),
        (r"please\s*(?:supply|deliver)|bitte\s*liefern|flight\s*dates|bill\s*plan", 0.3),
    ],
    "estimate": [
        (r"(?:quot(?:e|ation)|proposal|offer)\s*(?:no\.?|#|number|date)", 0.5),
        (r"estimate\s*(?:no\.?|#|number|date)", 0.3),
        (r"angebots(?:nummer|datum)|n[°º]\s*de\s*devis|offertenummer", 0.5),
        (r"valid\s*(?:until|till|for)|g[üu]ltig\s*bis|valable\s*jusqu|v[áa]lid[oa]\s*hasta", 0.5),
        (r"geldig\s*tot|to\s*accept\s*this|acceptance", 0.3),
    ],
    "contract": [],
}


@dataclass(frozen=True)
class LabelSet:
    """One field's labels as a single regex; ``weights[group]`` is each alternative's
    weight (alternatives are tried strongest first)."""

    pattern: re.Pattern[str]
    weights: dict[str, float]

    def weight(self, match: re.Match[str]) -> float:
        return self.weights[match.lastgroup or ""]


def _wrap(pattern: str) -> str:
    # A label starts at a word boundary and is not followed by a letter (a digit may
    # follow directly: "N°562044387").
    return rf"(?<![\w])(?:{pattern})(?![^\W\d_])"


def label_set(entries: list[tuple[str, float]]) -> LabelSet:
    ordered = sorted(enumerate(entries), key=lambda e: (-e[1][1] if e[1][1] else 0, e[0]))
    # distractors (weight 0) go first: at one position, "alt order #" beats "order #"
    ordered = [e for e in ordered if e[1][1] == 0] + [e for e in ordered if e[1][1] != 0]
    parts, weights = [], {}
    for i, (_, (pattern, weight)) in enumerate(ordered):
        parts.append(f"(?P<g{i}>{_wrap(pattern)})")
        weights[f"g{i}"] = weight
    return LabelSet(re.compile("|".join(parts), re.IGNORECASE), weights)


def compile_labels(entries: list[tuple[str, float]]) -> list[tuple[re.Pattern[str], float]]:
    """Each (regex, weight) compiled on its own, anchored at word boundaries."""
    return [(re.compile(_wrap(pattern), re.IGNORECASE), weight) for pattern, weight in entries]
