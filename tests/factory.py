"""Documents generated at test time: PDFs (and page images) drawn from a dict of fields.

``make_pdf(path, doc)`` draws a business document in one of several layouts and
languages; ``make_contract`` draws prose. Every value a test expects comes from the dict,
so a test reads "these fields in, these fields out".
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, LETTER
from reportlab.pdfgen.canvas import Canvas

WORDS: dict[str, dict[str, str]] = {
    "en": {
        "invoice": "INVOICE",
        "purchase_order": "PURCHASE ORDER",
        "estimate": "QUOTATION",
        "order_confirmation": "ORDER CONFIRMATION",
        "order_number": "Confirmation No.",
        "invoice_number": "Invoice No.",
        "po_number": "PO Number",
        "quote_number": "Quote #",
        "issue_date": "Date",
        "due_date": "Due Date",
        "valid_until": "Valid until",
        "delivery_date": "Delivery date",
        "line_delivery": "Delivery",
        "bill_to": "Bill To",
        "subtotal": "Subtotal",
        "tax": "VAT 20%",
        "total": "Total Due",
        "description": "Description",
        "quantity": "Qty",
        "unit_price": "Unit Price",
        "amount": "Amount",
        "code": "Item",
    },
    "de": {
        "invoice": "RECHNUNG",
        "purchase_order": "BESTELLUNG",
        "estimate": "ANGEBOT",
        "order_confirmation": "AUFTRAGSBESTÄTIGUNG",
        "order_number": "Auftragsnummer",
        "invoice_number": "Rechnungsnummer",
        "po_number": "Bestellnummer",
        "quote_number": "Angebotsnummer",
        "issue_date": "Rechnungsdatum",
        "due_date": "Fällig am",
        "valid_until": "Gültig bis",
        "delivery_date": "Liefertermin",
        "line_delivery": "Liefertermin",
        "bill_to": "Rechnung an",
        "subtotal": "Nettobetrag",
        "tax": "MwSt. 19%",
        "total": "Gesamtbetrag",
        "description": "Beschreibung",
        "quantity": "Menge",
        "unit_price": "Einzelpreis",
        "amount": "Betrag",
        "code": "Art.-Nr.",
    },
    "fr": {
        "invoice": "FACTURE",
        "purchase_order": "BON DE COMMANDE",
        "estimate": "DEVIS",
        "order_confirmation": "CONFIRMATION DE COMMANDE",
        "order_number": "N° de confirmation",
        "invoice_number": "N° de facture",
        "po_number": "N° de commande",
        "quote_number": "N° de devis",
        "issue_date": "Date de facture",
        "due_date": "Échéance",
        "valid_until": "Valable jusqu'au",
        "delivery_date": "Date de livraison",
        "line_delivery": "Livraison",
        "bill_to": "Facturé à",
        "subtotal": "Total HT",
        "tax": "TVA 20%",
        "total": "Total TTC",
        "description": "Désignation",
        "quantity": "Qté",
        "unit_price": "Prix unitaire",
        "amount": "Montant",
        "code": "Réf.",
    },
    "es": {
        "invoice": "FACTURA",
        "purchase_order": "ORDEN DE COMPRA",
        "estimate": "PRESUPUESTO",
        "order_confirmation": "CONFIRMACIÓN DE PEDIDO",
        "order_number": "Confirmación N.º",
        "invoice_number": "Factura N.º",
        "po_number": "Pedido N.º",
        "quote_number": "Presupuesto N.º",
        "issue_date": "Fecha de factura",
        "due_date": "Fecha de vencimiento",
        "valid_until": "Válido hasta",
        "delivery_date": "Fecha de entrega",
        "line_delivery": "Entrega",
        "bill_to": "Facturar a",
        "subtotal": "Base imponible",
        "tax": "IVA 21%",
        "total": "Total a pagar",
        "description": "Descripción",
        "quantity": "Cant.",
        "unit_price": "Precio unitario",
        "amount": "Importe",
        "code": "Ref.",
    },
    "nl": {
        "invoice": "FACTUUR",
        "purchase_order": "INKOOPORDER",
        "estimate": "OFFERTE",
        "order_confirmation": "ORDERBEVESTIGING",
        "order_number": "Bevestigingsnummer",
        "invoice_number": "Factuurnummer",
        "po_number": "Ordernummer",
        "quote_number": "Offertenummer",
        "issue_date": "Factuurdatum",
        "due_date": "Vervaldatum",
        "valid_until": "Geldig tot",
        "delivery_date": "Leverdatum",
        "line_delivery": "Leverdatum",
        "bill_to": "Factuur aan",
        "subtotal": "Subtotaal",
        "tax": "BTW 21%",
        "total": "Te betalen",
        "description": "Omschrijving",
        "quantity": "Aantal",
        "unit_price": "Prijs",
        "amount": "Bedrag",
        "code": "Art.",
    },
}

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre "
    "novembre dicembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro "
    "dezembro",
}


def money(value: str | Decimal, lang: str, symbol: str = "") -> str:
    d = Decimal(str(value)).quantize(Decimal("0.01"))
    text = f"{d:,.2f}"
    if lang in ("de", "es", "nl"):
        text = text.replace(",", "X").replace(".", ",").replace("X", ".")
    elif lang == "fr":
        text = text.replace(",", " ").replace(".", ",")
    return f"{text} {symbol}".strip() if lang != "en" else f"{symbol}{text}"


def date_text(iso: str, lang: str, style: str = "numeric") -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    if style == "long":
        month = MONTHS[lang].split()[m - 1]
        if lang == "en":
            return f"{month} {d}, {y}"
        if lang == "es":
            return f"{d} de {month} de {y}"
        return f"{d}. {month} {y}" if lang == "de" else f"{d} {month} {y}"
    if style == "iso":
        return iso
    if lang == "en":
        return f"{m:02d}/{d:02d}/{y}"
    sep = "." if lang == "de" else "/" if lang in ("fr", "es") else "-"
    return f"{d:02d}{sep}{m:02d}{sep}{y}"


def _lines(doc: dict[str, Any]) -> Sequence[dict[str, Any]]:
    return doc.get("line_items", [])


def make_pdf(
    path: Path,
    doc: dict[str, Any],
    *,
    layout: str = "classic",
    lang: str = "en",
    date_style: str = "numeric",
    letter: bool = False,
    stamp: str = "",
) -> Path:
    """Draw a business document (invoice, purchase_order, order_confirmation or estimate)
    from ``doc`` (``po_number_label`` names the PO reference's label if given);
    ``stamp`` is a large word drawn across the title and the numbers ("DUPLICATE")."""
    w = WORDS[lang]
    kind = doc.get("doc_type", "invoice")
    symbol = {"EUR": "€", "USD": "$", "GBP": "£"}.get(doc.get("currency", "EUR"), "")
    size = LETTER if letter else A4
    width, height = size
    c = Canvas(str(path), pagesize=size)
    c.setTitle(f"{kind} {doc.get('number', '')}")
    number_field = {
        "invoice": "invoice_number",
        "purchase_order": "po_number",
        "order_confirmation": "order_number",
        "estimate": "quote_number",
    }[kind]

    # Letterhead: the vendor, large, top left; its address below.
    c.setFont("Helvetica-Bold", 18)
    c.drawString(50, height - 60, doc["vendor"])
    c.setFont("Helvetica", 9)
    for i, line in enumerate(
        doc.get("vendor_address", "1 Main Street\n10001 Springfield").split("\n")
    ):
        c.drawString(50, height - 78 - 11 * i, line)

    meta = [(w[number_field], doc["number"])]
    for ref in ("po_number", "quote_number"):
        if ref != number_field and doc.get(ref):
            meta.append((doc.get(f"{ref}_label", w[ref]), doc[ref]))
    meta.append((w["issue_date"], date_text(doc["issue_date"], lang, date_style)))
    if doc.get("due_date"):
        meta.append((w["due_date"], date_text(doc["due_date"], lang, date_style)))
    if doc.get("valid_until"):
        meta.append((w["valid_until"], date_text(doc["valid_until"], lang, date_style)))
    if doc.get("delivery_date"):
        label = doc.get("delivery_label", w["delivery_date"])
        meta.append((label, date_text(doc["delivery_date"], lang, date_style)))

    if layout == "classic":
        c.setFont("Helvetica-Bold", 22)
        c.drawRightString(width - 50, height - 60, w[kind])
        c.setFont("Helvetica", 10)
        for i, (label, value) in enumerate(meta):
            y = height - 95 - 14 * i
            c.drawString(width - 250, y, f"{label}:")
            c.drawRightString(width - 50, y, value)
    else:  # "stacked": labels in a row, values below them
        c.setFont("Helvetica-Bold", 22)
        c.drawString(50, height - 150, w[kind])
        c.setFont("Helvetica", 9)
        for i, (label, value) in enumerate(meta):
            x = 50 + 125 * i
            c.drawString(x, height - 180, label)
            c.setFont("Helvetica-Bold", 10)
            c.drawString(x, height - 193, value)
            c.setFont("Helvetica", 9)

    if stamp:
        c.setFont("Helvetica-Bold", 44)
        c.setFillGray(0.75)
        c.drawString(width - 290, height - 77, stamp)
        c.setFillGray(0)

    top = height - 240
    c.setFont("Helvetica-Bold", 10)
    c.drawString(50, top, doc.get("to_label", w["bill_to"]))
    c.setFont("Helvetica", 10)
    for i, line in enumerate([doc.get("buyer", "Customer Ltd"), "2 Side Road", "Metropolis"]):
        c.drawString(50, top - 13 * (i + 1), line)

    y = top - 80
    cols = [50, 110, 300, 390, 480]
    c.setFont("Helvetica-Bold", 9)
    for x, key in zip(
        cols, ["code", "description", "quantity", "unit_price", "amount"], strict=True
    ):
        if key in ("quantity", "unit_price", "amount"):
            c.drawRightString(x + 55, y, w[key])
        else:
            c.drawString(x, y, w[key])
    scheduled = any(item.get("delivery_date") for item in _lines(doc))
    if scheduled:  # a column of each line's delivery date, after the description's room
        c.drawString(250, y, w["line_delivery"])
    c.line(50, y - 4, width - 50, y - 4)
    c.setFont("Helvetica", 9)
    for item in _lines(doc):
        y -= 15
        if y < 120:
            c.showPage()
            c.setFont("Helvetica", 9)
            y = height - 60
        c.drawString(cols[0], y, item.get("code", ""))
        c.drawString(cols[1], y, item["description"])
        if scheduled and item.get("delivery_date"):
            c.drawString(250, y, date_text(item["delivery_date"], lang, date_style))
        c.drawRightString(cols[2] + 55, y, str(item["quantity"]))
        c.drawRightString(cols[3] + 55, y, money(item["unit_price"], lang))
        c.drawRightString(cols[4] + 55, y, money(item["amount"], lang))
    y -= 30
    c.setFont("Helvetica", 10)
    totals = []
    if doc.get("subtotal"):
        totals.append((w["subtotal"], money(doc["subtotal"], lang, symbol)))
    if doc.get("tax"):
        totals.append((w["tax"], money(doc["tax"], lang, symbol)))
    totals.append((w["total"], money(doc["total"], lang, symbol)))
    for label, value in totals:
        c.drawString(330, y, label)
        c.drawRightString(width - 50, y, value)
        y -= 15
    c.setFont("Helvetica", 8)
    c.drawString(
        50, 50, doc.get("footer", "Thank you for your business. IBAN DE89 3704 0044 0532 0130 00")
    )
    c.save()
    return path


def make_contract(path: Path, doc: dict[str, Any]) -> Path:
    """A short agreement in prose, from parties, dates, term and governing law."""
    a, b = doc["parties"]
    text = [
        doc.get("title", "MASTER SERVICES AGREEMENT"),
        "",
        f'This Master Services Agreement (the "Agreement") is entered into as of '
        f"{date_text(doc['agreement_date'], 'en', 'long')} by and between {a}, a Delaware "
        f'corporation ("Provider"), and {b}, a California corporation ("Client").',
        "",
        f"1. Term. This Agreement shall be effective as of "
        f'{date_text(doc["effective_date"], "en", "long")} (the "Effective Date") and shall '
        f"continue for a period of {doc['term']} thereafter, unless terminated earlier.",
        f"2. Renewal. This Agreement shall automatically renew for successive periods of "
        f"{doc.get('renewal_term', '1 year')} unless either party gives written notice "
        f"{doc.get('notice', '60 days')} prior to the end of the then-current term.",
        f"3. Governing Law. This Agreement shall be governed by the laws of the State of "
        f"{doc['governing_law']}, without regard to its conflict of laws principles.",
        "4. Services. Provider shall perform the services described in each statement of work.",
        "",
        "IN WITNESS WHEREOF, the parties hereto have executed this Agreement.",
    ]
    width, height = LETTER
    c = Canvas(str(path), pagesize=LETTER)
    y = height - 72
    for para in text:
        c.setFont("Helvetica-Bold" if para.isupper() else "Times-Roman", 11)
        words, line = para.split(), ""
        if not words:
            y -= 8
        for word in words:
            if c.stringWidth(f"{line} {word}", "Times-Roman", 11) > width - 144:
                c.drawString(72, y, line)
                y -= 14
                line = word
            else:
                line = f"{line} {word}".strip()
        if line:
            c.drawString(72, y, line)
            y -= 14
    c.save()
    return path


def make_lines_pdf(path: Path, lines: Sequence[str]) -> Path:
    """One page of plain lines in a fixed-width font, spaces kept as gaps."""
    width, height = A4
    c = Canvas(str(path), pagesize=A4)
    c.setFont("Courier", 10)
    for i, line in enumerate(lines):
        c.drawString(50, height - 60 - 14 * i, line)
    c.save()
    return path


def sample_invoice(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "doc_type": "invoice",
        "vendor": "Acme Tools GmbH",
        "buyer": "Northwind Traders Ltd",
        "number": "INV-2024/118",
        "issue_date": "2024-03-14",
        "due_date": "2024-04-13",
        "currency": "EUR",
        "line_items": [
            {
                "code": "AT-100",
                "description": "Cordless drill 18V",
                "quantity": 2,
                "unit_price": "129.00",
                "amount": "258.00",
            },
            {
                "code": "AT-220",
                "description": "Drill bit set, 25 pieces",
                "quantity": 5,
                "unit_price": "18.50",
                "amount": "92.50",
            },
            {
                "code": "AT-310",
                "description": "Safety goggles",
                "quantity": 10,
                "unit_price": "4.20",
                "amount": "42.00",
            },
        ],
        "subtotal": "392.50",
        "tax": "78.50",
        "total": "471.00",
    }
    doc.update(overrides)
    return doc


def cii_xml(doc: dict[str, Any], *, order: bool = False, type_code: str | None = None) -> bytes:
    """A minimal Factur-X (CII) invoice, or an Order-X order, from ``doc`` (``type_code``
    the UNTDID 1001 code, 220 for an order and 380 for an invoice unless given; the
    buyer's order it refers to is ``doc["po_number"]``)."""
    root = "rsm:SCRDMCCBDACIOMessageStructure" if order else "rsm:CrossIndustryInvoice"
    ns = (
        "urn:un:unece:uncefact:data:SCRDMCCBDACIOMessageStructure:100"
        if order
        else "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
    )
    lines = "".join(
        f"""<ram:IncludedSupplyChainTradeLineItem>
        <ram:SpecifiedTradeProduct>
        <ram:SellerAssignedID>{x.get("code", "")}</ram:SellerAssignedID>
        <ram:Name>{x["description"]}</ram:Name></ram:SpecifiedTradeProduct>
        <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice>
        <ram:ChargeAmount>{x["unit_price"]}</ram:ChargeAmount></ram:NetPriceProductTradePrice>
        </ram:SpecifiedLineTradeAgreement>
        <ram:SpecifiedLineTradeDelivery>
        <ram:BilledQuantity unitCode="C62">{x["quantity"]}</ram:BilledQuantity>
        </ram:SpecifiedLineTradeDelivery>
        <ram:SpecifiedLineTradeSettlement><ram:SpecifiedTradeSettlementLineMonetarySummation>
        <ram:LineTotalAmount>{x["amount"]}</ram:LineTotalAmount>
        </ram:SpecifiedTradeSettlementLineMonetarySummation></ram:SpecifiedLineTradeSettlement>
        </ram:IncludedSupplyChainTradeLineItem>"""
        for x in doc.get("line_items", [])
    )
    compact = doc["issue_date"].replace("-", "")
    reference = (
        f"<ram:BuyerOrderReferencedDocument><ram:IssuerAssignedID>{doc['po_number']}"
        "</ram:IssuerAssignedID></ram:BuyerOrderReferencedDocument>\n"
        if doc.get("po_number") and doc["po_number"] != doc["number"]
        else ""
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{root} xmlns:rsm="{ns}"
  xmlns:ram="urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
  xmlns:udt="urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100">
<rsm:ExchangedDocument><ram:ID>{doc["number"]}</ram:ID>
<ram:TypeCode>{type_code or ("220" if order else "380")}</ram:TypeCode>
<ram:IssueDateTime>
<udt:DateTimeString format="102">{compact}</udt:DateTimeString></ram:IssueDateTime>
</rsm:ExchangedDocument>
<rsm:SupplyChainTradeTransaction>{lines}
<ram:ApplicableHeaderTradeAgreement>
<ram:SellerTradeParty><ram:Name>{doc["vendor"]}</ram:Name>
<ram:PostalTradeAddress><ram:PostcodeCode>10001</ram:PostcodeCode>
<ram:LineOne>1 Main Street</ram:LineOne>
<ram:CityName>Springfield</ram:CityName><ram:CountryID>DE</ram:CountryID></ram:PostalTradeAddress>
</ram:SellerTradeParty>
<ram:BuyerTradeParty><ram:Name>{doc.get("buyer", "Customer Ltd")}</ram:Name></ram:BuyerTradeParty>
{reference}</ram:ApplicableHeaderTradeAgreement>
<ram:ApplicableHeaderTradeSettlement>
<ram:InvoiceCurrencyCode>{doc["currency"]}</ram:InvoiceCurrencyCode>
<ram:SpecifiedTradeSettlementHeaderMonetarySummation>
<ram:TaxBasisTotalAmount>{doc["subtotal"]}</ram:TaxBasisTotalAmount>
<ram:TaxTotalAmount currencyID="{doc["currency"]}">{doc["tax"]}</ram:TaxTotalAmount>
<ram:GrandTotalAmount>{doc["total"]}</ram:GrandTotalAmount>
</ram:SpecifiedTradeSettlementHeaderMonetarySummation>
</ram:ApplicableHeaderTradeSettlement>
</rsm:SupplyChainTradeTransaction>
</{root}>""".encode()


def embed(pdf: Path, name: str, data: bytes) -> Path:
    """Attach ``data`` to ``pdf`` as an embedded file, as Factur-X generators do."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    attachment = doc.new_attachment(name)
    attachment.set_data(data)
    tmp = pdf.with_suffix(".tmp.pdf")
    doc.save(tmp)
    doc.close()
    tmp.replace(pdf)
    return pdf


def make_text_pdf(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str = "",
    font: str = "Times-Roman",
    title_font: str = "Helvetica-Bold",
) -> Path:
    """A letter-size PDF of plain paragraphs (wrapped), for prose documents; ``font`` and
    ``title_font`` may name registered fonts (for letters the PDF core fonts lack)."""
    width, height = LETTER
    c = Canvas(str(path), pagesize=LETTER)
    y = height - 72
    if title:
        c.setFont(title_font, 13)
        c.drawString(72, y, title)
        y -= 24
    c.setFont(font, 11)
    for para in paragraphs:
        line = ""
        for word in para.split():
            if c.stringWidth(f"{line} {word}", font, 11) > width - 144:
                c.drawString(72, y, line)
                y -= 14
                line = word
                if y < 72:
                    c.showPage()
                    c.setFont(font, 11)
                    y = height - 72
            else:
                line = f"{line} {word}".strip()
        if line:
            c.drawString(72, y, line)
            y -= 22
    c.save()
    return path


def short_pdf(path: Path, *, rotate: int = 0, crop: bool = False, raised: bool = True) -> Path:
    """Three short lines of an invoice, on a page shown turned ``rotate`` degrees by its
    /Rotate, or with a crop box inside its media box; ``raised`` adds a "31" with a
    raised "st"."""
    # reportlab turns the media box with the page: a portrait A4 media box, drawn on as
    # for r0, and shown turned by /Rotate
    c = Canvas(str(path), pagesize=A4 if rotate % 180 == 0 else (A4[1], A4[0]))
    c.setPageRotation(rotate)
    if crop:
        c.setCropBox((40, 60, 500, 700))
    c.setFont("Helvetica", 11)
    c.drawString(72, 640, "Invoice No. INV-2024/118")
    c.drawString(72, 620, "Total Due")
    c.drawString(300, 620, "1,234.56")
    if raised:  # a raised suffix, read as part of its word
        c.setFont("Helvetica", 7)
        c.drawString(72, 600, "31")
        c.setFont("Helvetica", 4)
        c.drawString(80, 603, "st")
    c.showPage()
    c.save()
    return path
