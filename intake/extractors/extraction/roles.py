"""Who is who on a document, once its fields are read: a purchase order that we issued
names the supplier as its addressee, and is filed with the supplier as ``vendor`` and us
as ``buyer``.

Extraction reads the issuer (letterhead) as ``vendor`` and the addressee as ``buyer``.
That is right for what suppliers send us, and backwards for our own orders: the issuer is
us. Whether a party is us is decided from our name and aliases (compared as
:func:`intake.keys.alias_key` compares names, a trailing legal form ignored) and from our
VAT ids (printed beside its name, or in the letterhead or footer, where an issuer
prints its own). Our orders come in two shapes:

* our letterhead with the supplier in the address block: the two are swapped; but a
  company under a supplier label is the supplier whatever was read as the addressee,
  and so is the company heading the addressee's window where the addressee read names
  no company (on an order the buyer is its issuer: a "Buyer:" line of details names our
  purchasing agent);
* a "Supplier:" block read as the vendor and us as the addressee: already right.

An order that heads its addressee's window with our name (no party's label over it) was
sent to us: we are its addressee whatever a "Buyer:" line of details names (the
customer's purchasing agent).

Without a company of ours to go by, an order addressed to its supplier with an unqualified
label ("To:", "Aan", "Spett.le") is read the same way: its issuer buys (:func:`_issuer_buys`).

When our letterhead is read and no addressee, the company name with a legal form under a
supplier label ("Supplier", "Lieferant", "Fournisseur") is the supplier; without such a
label, the first other one, with low confidence (so that the document is reviewed).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from intake.extractors.extraction.analysis import reading_for
from intake.extractors.extraction.parties import LEGAL_FORM
from intake.extractors.extraction.party_address import address_under
from intake.extractors.extraction.party_labels import contact_line, party_label
from intake.extractors.extraction.recipient import recipient_names
from intake.extractors.extraction.role_labels import addressed, headed, supplier_labelled
from intake.keys import alias_key
from intake.record import Field, Record
from intake.settings import Settings

__all__ = ["Company", "assign_roles", "company_of"]

logger = logging.getLogger(__name__)

_TRAILING_LEGAL = re.compile(rf"(?:\s+(?:{LEGAL_FORM}))+$", re.IGNORECASE)
#: A company's name with its legal form, within one cell of a line (cells are joined by two
#: spaces: "Jovanic Metals S.A.  Harbourline Trading" is two names side by side).
_COMPANY_NAME = re.compile(
    rf"(?<![\w])((?:[A-ZÀ-ÖØ-Þ][\w&'’.\-]* ){{1,5}}(?i:{LEGAL_FORM})\.?)(?![\w])"
)
#: Document types on which we are the issuer when our name heads them.
OUR_TYPES = frozenset({"purchase_order"})


def name_key(name: str) -> str:
    """A party's name as compared with ours: :func:`alias_key`, a trailing legal form
    ("Ltd", "GmbH & Co. KG") ignored."""
    key = alias_key(name)
    stripped = _TRAILING_LEGAL.sub("", key).strip()
    return stripped or key


def vat_key(vat_id: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", vat_id.upper())


@dataclass(frozen=True)
class Company:
    """Our company as the settings name it."""

    name: str  # as we write it
    names: frozenset[str]  # name keys of our name and aliases
    vat_ids: frozenset[str]

    @property
    def known(self) -> bool:
        return bool(self.names or self.vat_ids)

    def is_us(self, name: str | None, context: str = "") -> bool:
        """Whether the party ``name`` is us: by name, or by one of our VAT ids printed in
        ``context`` (the text of its block)."""
        if name and (key := name_key(name)):
            if key in self.names:
                return True
            if any(key.startswith(f"{ours} ") for ours in self.names):
                return True  # "Northwind Traders Ltd Purchasing" is us
        if context and self.vat_ids:
            flat = vat_key(context)
            return any(v in flat for v in self.vat_ids)
        return False


def company_of(settings: Settings) -> Company:
    names = [settings.company_name, *settings.company_aliases]
    return Company(
        settings.company_name.strip() or next(iter(settings.company_aliases), ""),
        frozenset(k for n in names if n.strip() and (k := name_key(n))),
        frozenset(k for v in settings.company_vat_ids if len(k := vat_key(v)) >= 5),
    )


def _block_text(fields: Mapping[str, Field], name: str) -> str:
    """The text beside a party's name: its own raw text, and the vendor's address."""
    parts = [str(fields[name].raw or "")] if name in fields else []
    if name == "vendor" and "address" in fields:
        parts.append(str(fields["address"].value))
    return " ".join(parts)


#: How sure the supplier is: named under a supplier label, or only the first other name.
LABELLED, UNLABELLED = 0.8, 0.4
#: How sure the supplier named in the addressee's window of our own order is.
WINDOW = 0.6


def _issuer_buys(record: Record) -> Record:
    """An order read with no company of ours to go by: an order is sent by its buyer, so
    where its addressee, read as the buyer, is headed by an unqualified addressee's label
    ("To:", "Aan", "Destinataire", "Spett.le") or heads the addressee's window with no
    label over it, and the issuer was read as the vendor (not from a supplier's block),
    the two are the other way round: the issuer buys, and the addressee supplies. A
    buyer's qualified label ("Ship to", "Bill to") names the issuer's own addresses and
    is left as read."""
    fields = dict(record.fields)
    vendor, buyer = fields.get("vendor"), fields.get("buyer")
    if vendor is None or buyer is None or buyer.box is None:
        return record
    if name_key(str(vendor.value)) == name_key(str(buyer.value)) or _supplier_block(record, vendor):
        return record
    if not headed(record, buyer.box, addressed) and not (
        headed(record, buyer.box, party_label) is False
        and buyer.box in [box for box, _ in recipient_names(reading_for(record).layout)]
    ):
        return record
    fields["vendor"], fields["buyer"] = buyer, vendor
    fields.pop("address", None)  # the address read was the issuer's
    if (address := address_under(reading_for(record).layout, buyer.box)) is not None:
        fields["address"] = address
    logger.debug("[%s] an order addressed to its supplier: the issuer buys", record.short_id)
    return record.evolve(fields=fields)


def _heads_page(record: Record, field: Field) -> bool:
    """Whether ``field``'s name opens the page: the issuer's, a company's, never an agent's."""
    top = next((ln.cells[0].text for ln in reading_for(record).layout.lines[:1] if ln.cells), "")
    return name_key(top) == name_key(str(field.value))


def _other_company(text: str, company: Company) -> tuple[str, float] | None:
    """The first company name with a legal form that is not us, preferring one under a
    supplier label; with how sure that is."""
    first: str | None = None
    previous = ""
    for line in text.splitlines():
        for m in _COMPANY_NAME.finditer(line):
            name = m.group(1).strip()
            if company.is_us(name):
                continue
            if supplier_labelled(line[: m.start()]) or supplier_labelled(previous):
                return name, LABELLED
            first = first or name
        if not contact_line(line):
            previous = line
    return (first, UNLABELLED) if first else None


#: Where an issuer prints its VAT id: the letterhead (this top share of the first page) or
#: the footer (this bottom share); the addressee's VAT id sits in its block between.
LETTERHEAD, FOOTER = 0.25, 0.15


def _issued_under_our_vat(record: Record, company: Company) -> bool:
    if not company.vat_ids or not record.pages:
        return False
    page = record.pages[0]
    for line in page.lines:
        top = min(w.top for w in line)
        if LETTERHEAD * page.height < top < (1 - FOOTER) * page.height:
            continue
        flat = vat_key(" ".join(w.text for w in line))
        if any(v in flat for v in company.vat_ids):
            return True
    return False


def _names_us(record: Record, company: Company) -> bool:
    flat = f" {alias_key(record.text[:20_000])} "
    return any(f" {key} " in flat for key in company.names)


def _under_supplier_label(text: str, name: str) -> bool:
    """Whether ``name`` is printed under a supplier label (on its line or the line above)."""
    key = name_key(name)
    previous = ""
    for line in text.splitlines():
        if (
            key
            and key in name_key(line)
            and (supplier_labelled(line) or supplier_labelled(previous))
        ):
            return True
        if not contact_line(line):
            previous = line
    return False


def _supplier_block(record: Record, field: Field) -> bool:
    """Whether a supplier label heads the block a name was read from: on the name's line
    left of it, or on the first line above it in its column that is no contact person's
    (a block printed beside another is read in its own column, not along the line).
    Without the name's box, along the lines of the text."""
    box = field.box
    found = None if box is None else headed(record, box, supplier_labelled)
    if found is None:
        return _under_supplier_label(record.text, str(field.value))
    return found


def _our_window(record: Record, company: Company) -> Field | None:
    """Us, named at the head of the addressee's window with no party's label over us: a
    document sent to us (our own order puts its supplier there, and our delivery address
    under a label)."""
    for box, name in recipient_names(reading_for(record).layout):
        if company.is_us(name) and headed(record, box, party_label) is False:
            return Field(name, WINDOW, "layout", box, name)
    return None


def _supplied_by_us(
    record: Record, company: Company, fields: dict[str, Field], buyer_us: bool
) -> dict[str, Field] | None:
    """A purchase order that a customer sent us: a purchase order is addressed to its
    supplier, so when the addressee is us (read as the buyer, ``buyer_us``, or our name
    under a supplier label) we are the vendor and the issuer read as the vendor is the
    buyer. Called only when the vendor was not read under a supplier label (that is our
    own order, its supplier's block read as the vendor and us as the addressee)."""
    if not company.name:
        return None
    vendor, buyer = fields.get("vendor"), fields.get("buyer")
    if not buyer_us and not _under_supplier_label(record.text, company.name):
        return None
    out = dict(fields)
    us = buyer if buyer_us else None
    out["vendor"] = us or Field(company.name, UNLABELLED, "text", None, company.name)
    out.pop("address", None)  # the address read was the issuer's, the customer's
    if vendor is not None:
        out["buyer"] = vendor
    elif us is not None:
        out.pop("buyer")
    logger.debug("[%s] addressed to us: we are the supplier", record.short_id)
    return out


def _issuer_is_buyer(
    record: Record, company: Company, fields: dict[str, Field], issuer: Field
) -> dict[str, Field]:
    """An order whose issuer was read as both parties: its own delivery address ("Ship
    to", "Lieferanschrift") named it as the buyer too. An order's issuer is its buyer, and
    its supplier is the addressee: us, where our name is on it; else the first other
    company, unsure."""
    out = dict(fields)
    out["buyer"] = issuer
    out.pop("address", None)  # the address read was the issuer's, the buyer's
    if _names_us(record, company) and company.name:
        out["vendor"] = Field(company.name, UNLABELLED, "text", None, company.name)
    elif (other := _other_company(reading_for(record).layout.text, company)) is not None:
        out["vendor"] = Field(other[0], other[1], "text", None, other[0])
    else:
        out.pop("vendor", None)
    logger.debug("[%s] the issuer read as both parties: it is the buyer", record.short_id)
    return out


def _supplier_of_ours(record: Record, company: Company, addressee: str) -> Field | None:
    """The supplier an order we issued names where the page says it outright: a company
    under a supplier label, else, where the ``addressee`` read names no company (a
    person's name), the company heading the addressee's window (an order is addressed
    to its supplier). On an order the buyer is its issuer: a "Buyer:" or "Comprador:"
    line of details names our purchasing agent, never the supplier."""
    layout = reading_for(record).layout
    other = _other_company(layout.text, company)
    if other is not None and other[1] == LABELLED:
        return Field(other[0], LABELLED, "text", None, other[0])
    if _COMPANY_NAME.search(addressee):
        return None
    for box, name in recipient_names(layout):
        if _COMPANY_NAME.search(name) and not company.is_us(name):
            return Field(name, WINDOW, "layout", box, name)
    return None


def _not_sold_to_ourselves(record: Record, company: Company) -> Record:
    """A document sent to us (an invoice, a quote) whose vendor was read as us, as its
    buyer is: we did not sell to ourselves, so its issuer is the other company the page
    names (none where it names none: no answer beats a wrong one)."""
    vendor, buyer = record.fields.get("vendor"), record.fields.get("buyer")
    if vendor is None or buyer is None:
        return record
    if not (company.is_us(str(vendor.value)) and company.is_us(str(buyer.value))):
        return record
    return record.evolve(fields=_vendor_not_us(record, company, dict(record.fields)))


def _vendor_not_us(record: Record, company: Company, fields: dict[str, Field]) -> dict[str, Field]:
    """``fields`` with the vendor read as us replaced: the first other company the page
    names, else none (a person says who); the address read was ours."""
    fields.pop("address", None)
    other = _other_company(reading_for(record).layout.text, company)
    if other is None:
        fields.pop("vendor", None)
    else:
        fields["vendor"] = Field(other[0], other[1], "text", None, other[0])
    return fields


def assign_roles(record: Record, company: Company) -> Record:
    """The record with vendor and buyer the right way round for documents we issued."""
    if not company.known:
        return _issuer_buys(record) if record.doc_type in OUR_TYPES else record
    if record.doc_type not in OUR_TYPES:
        return _not_sold_to_ourselves(record, company)
    fields = dict(record.fields)
    vendor, buyer = fields.get("vendor"), fields.get("buyer")
    # our VAT id near the top is the addressee's when the addressee read is us (a DIN
    # 5008 window sits in the top third of the page, its VAT id with it)
    buyer_us = buyer is not None and company.is_us(str(buyer.value), _block_text(fields, "buyer"))
    if not buyer_us and (window := _our_window(record, company)) is not None:
        # an order sent to us: the window names us, and a "Buyer:" line the customer's agent
        fields["buyer"] = buyer = window
        buyer_us = True
    # (our VAT id in the top quarter of the page is the addressee's, not the issuer's, where
    # our name stands under a supplier label: a customer's order to us)
    vendor_us = vendor is not None and (
        company.is_us(str(vendor.value), _block_text(fields, "vendor"))
        or (
            not buyer_us
            and _issued_under_our_vat(record, company)
            and not _under_supplier_label(record.text, company.name)
        )
    )
    if (
        vendor is not None
        and buyer is not None
        and name_key(str(vendor.value)) == name_key(str(buyer.value))
        and not company.is_us(str(vendor.value))
    ):
        return record.evolve(fields=_issuer_is_buyer(record, company, fields, vendor))
    if vendor is not None and _supplier_block(record, vendor):
        # the vendor was read from the supplier's block ("Lieferant", "Supplier"): it is
        # the vendor whoever we are, and the order's issuer is the buyer
        if company.is_us(str(vendor.value)) and (
            buyer is None
            or buyer_us
            or not (_COMPANY_NAME.search(str(buyer.value)) or _heads_page(record, buyer))
        ):
            # a customer's order to us: its issuer is the first other company (a person
            # read as the buyer, "Comprador: Lucie Morand", is the customer's agent)
            other = _other_company(reading_for(record).layout.text, company)
            fields.pop("buyer", None)
            if other is not None:
                fields["buyer"] = Field(other[0], UNLABELLED, "text", None, other[0])
        elif (
            not company.is_us(str(vendor.value))
            and company.name
            and (buyer is None or (not buyer_us and _names_us(record, company)))
        ):
            # our order: the supplier is not us, so we, named on it, are its buyer (a
            # "Buyer:" or "Requisitioner:" line names the person who orders for us)
            fields["buyer"] = Field(company.name, 0.6, "text", None, company.name)
        return record.evolve(fields=fields)
    if not vendor_us:
        supplied = _supplied_by_us(record, company, fields, buyer_us)
        if supplied is not None:
            return record.evolve(fields=supplied)
        if vendor is not None and buyer is None and company.name and _names_us(record, company):
            # the supplier read from a "Supplier:" block, and our letterhead unlabelled
            fields["buyer"] = Field(company.name, 0.6, "text", None, company.name)
            return record.evolve(fields=fields)
        if not buyer_us and not _names_us(record, company):
            return _issuer_buys(record)  # an order that does not name us: as with no company
        return record
    assert vendor is not None
    if buyer is not None and not company.is_us(str(buyer.value)):
        logger.debug("[%s] issued by us: the addressee is the vendor", record.short_id)
        supplier = _supplier_of_ours(record, company, str(buyer.value))
        if supplier is None or name_key(str(supplier.value)) == name_key(str(buyer.value)):
            supplier = buyer  # the addressee read
        fields["vendor"], fields["buyer"] = supplier, vendor
        fields.pop("address", None)  # the address read was ours
        return record.evolve(fields=fields)
    fields["buyer"] = vendor  # we did not sell to ourselves
    return record.evolve(fields=_vendor_not_us(record, company, fields))
