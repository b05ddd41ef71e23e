"""The product catalog: create, edit, aliases, search by alias, refusal of a taken SKU."""

from __future__ import annotations

import pytest

from intake.db.engine import Database
from intake.db.models import Product
from intake.documents.corrections.common import InvalidCorrection
from intake.errors import Conflict
from intake.filing.catalog import (
    add_alias,
    alias_key,
    create_product,
    list_products,
    remove_alias,
    update_product,
)


def test_products_are_created_edited_and_found_by_alias(db: Database) -> None:
    with db.session() as s:
        drill = create_product(s, {"sku": "AT-100", "name": "Cordless drill 18V"}, user="ed")
        create_product(s, {"sku": "AT-220", "name": "Drill bit set"}, user="ed")
        add_alias(s, drill, "Akku-Bohrschrauber  18 V", user="ed")
    with db.session() as s:
        total, rows = list_products(s, q="bohrschrauber")
        assert total == 1 and rows[0].sku == "AT-100"
        assert [r.sku for r in list_products(s, q="drill")[1]] == ["AT-100", "AT-220"]
        assert update_product(s, drill, {"name": "Drill 18V", "unit": "pc"}, user="ed") == [
            "name",
            "unit",
        ]
        with pytest.raises(InvalidCorrection, match="another product"):
            update_product(s, drill, {"sku": "at-220"}, user="ed")
        with pytest.raises(InvalidCorrection, match="required"):
            create_product(s, {"sku": "X"}, user="ed")
        with pytest.raises(Conflict):
            add_alias(s, drill, "akku bohrschrauber 18 v", user="ed")
    with db.session() as s:
        product = s.get(Product, drill)
        assert product is not None and product.aliases[0].key == "akku bohrschrauber 18 v"
        remove_alias(s, drill, product.aliases[0].id, user="ed")
    with db.session() as s:
        assert list_products(s, q="bohrschrauber")[0] == 0


def test_alias_keys_ignore_case_punctuation_and_spacing() -> None:
    assert alias_key("  Drill-Bit  SET, 25 pcs. ") == "drill bit set 25 pcs"
