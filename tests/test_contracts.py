"""Contract fields from the many ways agreements word their preamble and clauses."""

from __future__ import annotations

from pathlib import Path

import pytest

from intake.extractors import Registry
from intake.ingest.stages import Context, extract_path
from intake.settings import Settings
from tests.factory import make_text_pdf

FILLER = (
    "The Receiving Party shall hold the Confidential Information in strict confidence and shall "
    "not disclose it to any third party without the prior written consent of the Disclosing Party."
)


def fields_of(settings: Settings, tmp_path: Path, *paragraphs: str) -> dict[str, object]:
    pdf = make_text_pdf(
        tmp_path / "c.pdf", [*paragraphs, FILLER, FILLER], title="NON-DISCLOSURE AGREEMENT"
    )
    result = extract_path(Context(settings, Registry.default()), str(pdf))
    assert result["doc_type"] == "contract"
    fields: dict[str, object] = result["fields"]
    return fields


@pytest.mark.parametrize(
    ("preamble", "parties"),
    [
        (
            "This Agreement is made by and between Northwind Traders, Inc., a Delaware "
            "corporation (the “Company”), and JOHN D. SMITH (“Employee”).",
            ["Northwind Traders, Inc.", "JOHN D. SMITH"],
        ),
        (
            "This Agreement is entered into among Alpha Robotics LLC (“Alpha”), Beta Werke GmbH "
            "(“Beta”) and Gamma Industries S.A. (“Gamma”).",
            ["Alpha Robotics LLC", "Beta Werke GmbH", "Gamma Industries S.A."],
        ),
        (
            "In consideration of my employment by Omni Freight Corporation (“Company”), I, Jane Q. "
            "Doe, agree to the following.",
            ["Omni Freight Corporation", "Jane Q. Doe"],
        ),
        (
            "This Agreement is made between Delta Capital Partners, L.P., Delta Advisers LLC and "
            "Joseph Delta, an individual (collectively, the “Delta Group”) and Epsilon Bank, a "
            "national banking association with its principal office at 12 Main Street "
            "(“Epsilon”).",
            ["Delta Group", "Epsilon Bank"],
        ),
        (  # the company's address clause does not swallow the next party
            "This Agreement is made by and between ORBIT SYSTEMS CORPORATION, a corporation "
            "having its principal offices at 9 Harbour Road, Portland, Oregon 97201, and MARY "
            "K. LANE (“Recipient”).",
            ["ORBIT SYSTEMS CORPORATION", "MARY K. LANE"],
        ),
        (  # the name given a defined term is the whole name; a generational suffix is kept
            "This Agreement is made between Second Bank of Fairview Heights (the “Bank”), a "
            "state chartered bank, and Peter W. Hale, III (the “Employee”).",
            ["Second Bank of Fairview Heights", "Peter W. Hale, III"],
        ),
        (  # legal-form words and groups of representatives are not parties
            "This Agreement is entered into by and between Quillsoft Global LLC, a Florida "
            "Limited Liability Company (the “Developer”) and Harrow Media Corporation with its "
            "principal office located at 18 Park Lane, Boston (the “Client”), and their "
            "respective officers (collectively, “Representatives”).",
            ["Quillsoft Global LLC", "Harrow Media Corporation"],
        ),
        (  # a name may begin with a digit; "herein referred to as"; a person "an individual"
            "This Agreement is made by and between 7T Logistics Company (herein referred to as "
            "“Company”) and Maria L. Ortega, an individual residing in the State of Texas.",
            ["7T Logistics Company", "Maria L. Ortega"],
        ),
        (  # "its principals and staff" is not a party; nor is a title running into a name
            "Mutual Non-Disclosure Agreement Larkspur Devices, Inc. (the “Disclosing Party”) "
            "and KESTREL MEDICAL, its PRINCIPALS, MANAGEMENT and STAFF (the “Receiving Party”).",
            ["Larkspur Devices, Inc.", "KESTREL MEDICAL"],
        ),
        (  # "on behalf of itself and its subsidiaries and <person>" ends before the person
            "Agreement made between Fenwick Mills, Inc., with its principal office located at "
            "4 Oak Street (“Fenwick”) on behalf of itself and its subsidiaries and Carl B. "
            "Lund (“Employee”).",
            ["Fenwick Mills, Inc.", "Carl B. Lund"],
        ),
        (  # a bracketed word before the legal form; "dba" and "c/o" end the name
            "This Agreement is made between Harbor Fuel (USA) Inc., with principal offices at "
            "7 Dock Street (“Harbor”), and Sable Vision, Inc.DBA Sable Optics (“Sable”), and "
            "ORCHID TALENT, INC. c/o Fame Management, Inc., 10 Main Street (“Talent”).",
            ["Harbor Fuel (USA) Inc.", "Sable Vision, Inc.", "ORCHID TALENT, INC."],
        ),
        (  # "of <address>" ends the name; a company named as an example is no party
            "DEVELOPMENT AGREEMENT between NORDAL PHARMA A/S of Parkvej 55, Ballerup (“NORDAL”) "
            "and CORRIB (CHEMICALS) LIMITED of 4 Quay Street, Dublin (“CORRIB”), with the "
            "help of their advisers, including Brisk Securities, LLC (“Brisk”).",
            ["NORDAL PHARMA A/S", "CORRIB (CHEMICALS) LIMITED"],
        ),
        (  # the recitals name other companies; only the preamble names the parties
            "This Agreement is made by and between Tern Analytics, Inc. (“Buyer”), and Ruth "
            "A. Moss (the “Seller”). RECITALS A. The Buyer and Vole Circuits, Inc. (the "
            "“Target”) have entered into a merger agreement.",
            ["Tern Analytics, Inc.", "Ruth A. Moss"],
        ),
        (  # translated agreements letter their parties
            "Cooperation Agreement Party A: People’s Government of Lanxi County Party B: "
            "Qingshan Solar Power Co., Ltd. Party A welcomes the project.",
            ["People’s Government of Lanxi County", "Qingshan Solar Power Co., Ltd."],
        ),
    ],
)
def test_parties_from_the_preamble(
    settings: Settings, tmp_path: Path, preamble: str, parties: list[str]
) -> None:
    got = fields_of(settings, tmp_path, preamble)["parties"]
    assert isinstance(got, list)
    assert [p.rstrip(".") for p in got] == [p.rstrip(".") for p in parties]


@pytest.mark.parametrize(
    ("clause", "law"),
    [
        ("This Agreement shall be governed by the laws of the State of New York.", "New York"),
        (
            "THE LAWS OF THE STATE OF DELAWARE, WITHOUT REGARD TO CONFLICTS OF LAW, SHALL GOVERN "
            "THIS AGREEMENT.",
            "DELAWARE",
        ),
        (
            "This Agreement shall be governed in all respects by the laws of the United States "
            "and State of Minnesota applicable to agreements made therein.",
            "Minnesota",
        ),
        (
            "Any dispute shall be decided in accordance with the laws of England and Wales.",
            "England",
        ),
        (
            "This Agreement shall be construed according to the laws of the United States of "
            "America and the state of California. 15. Binding Effect. It binds successors.",
            "California",
        ),
        ("This Agreement is governed by the laws of California, USA.", "California"),
    ],
)
def test_governing_law(settings: Settings, tmp_path: Path, clause: str, law: str) -> None:
    preamble = "This Agreement is made between Alpha Robotics LLC (“Alpha”) and Beta Corp (“Beta”)."
    assert fields_of(settings, tmp_path, preamble, clause)["governing_law"] == law


@pytest.mark.parametrize(
    ("clause", "term", "expires"),
    [
        (
            "This Agreement shall terminate two (2) years from the date hereof.",
            "2 years",
            "2026-03-01",
        ),
        (
            "This Agreement shall continue until the third anniversary of the Effective Date.",
            "3 years",
            "2027-03-01",
        ),
        ("The term of this Agreement shall be eighteen (18) months.", "18 months", "2025-09-01"),
        (
            "The Term of this Agreement will commence on the date above, and shall continue for a "
            "term of one (1) year.",
            "1 year",
            "2025-03-01",
        ),
        ("This contract shall be for a term of two years.", "2 years", "2026-03-01"),
    ],
)
def test_term_and_computed_expiration(
    settings: Settings, tmp_path: Path, clause: str, term: str, expires: str
) -> None:
    preamble = (
        "This Agreement is effective as of March 1, 2024 (the “Effective Date”) and is made "
        "between Alpha Robotics LLC (“Alpha”) and Beta Corp (“Beta”)."
    )
    fields = fields_of(settings, tmp_path, preamble, clause)
    assert fields["effective_date"] == "2024-03-01"
    assert fields["term"] == term
    assert fields["expiration_date"] == expires


def test_a_printed_expiration_wins(settings: Settings, tmp_path: Path) -> None:
    fields = fields_of(
        settings,
        tmp_path,
        "This Agreement is dated as of May 17, 2012 and is made between Alpha Robotics LLC "
        "(“Alpha”) and Beta Corp (“Beta”).",
        "The Contract Period means the period commencing upon execution and terminating on "
        "May 31, 2016 unless sooner terminated.",
    )
    assert fields["agreement_date"] == "2012-05-17"
    assert fields["expiration_date"] == "2016-05-31"


@pytest.mark.parametrize(
    "clause",
    [
        "This Agreement shall commence effective June 1, 2021, and shall continue for a term "
        "of three (3) years expiring May 31, 2024.",
        "The Contract Period means the period commencing on June 1, 2021 and concluding May "
        "31, 2024, unless terminated sooner.",
    ],
)
def test_an_end_date_printed_after_a_participle(
    settings: Settings, tmp_path: Path, clause: str
) -> None:
    """The printed end wins over start + term, and a date before the start (the end of an
    earlier deal) is not the expiration."""
    fields = fields_of(
        settings,
        tmp_path,
        "This Agreement is made between Alpha Robotics LLC (“Alpha”) and Beta Corp (“Beta”). "
        "The prior supply agreement between them shall terminate on January 15, 2021.",
        clause,
    )
    assert fields["expiration_date"] == "2024-05-31"


@pytest.mark.parametrize(
    ("paragraphs", "effective"),
    [
        (  # a date "effective" in the recitals is an earlier event; the agreement's own
            # date stands
            (
                "This Agreement is made as of the 1st day of March 2019, by and between Tern "
                "Analytics LLC (“Company”) and Ruth A. Moss (“Employee”).",
                "RECITALS A. Effective June 3, 2017, the Company and Employee entered into a "
                "consulting agreement. NOW, THEREFORE, the parties agree as follows:",
            ),
            "2019-03-01",
        ),
        (  # in the body, "effective <date>" dates one obligation, not the agreement
            (
                "This Agreement is made as of the 1st day of March 2019, by and between Tern "
                "Analytics LLC (“Company”) and Ruth A. Moss (“Employee”). The parties agree "
                "as follows:",
                "1. Duties. Company employs Employee as its President effective April 15, 2019.",
            ),
            "2019-03-01",
        ),
        (  # a labelled "Effective Date:" in the body is the agreement's own
            (
                "This Agreement is made between Tern Analytics LLC (“Transporter”) and Vole "
                "Gas Company (“Shipper”). NOW, THEREFORE, the parties agree as follows:",
                "1. EFFECTIVE DATE: November 01, 2016 2. RATE SCHEDULE: FT",
            ),
            "2016-11-01",
        ),
    ],
)
def test_effective_date_belongs_to_the_agreement(
    settings: Settings, tmp_path: Path, paragraphs: tuple[str, ...], effective: str
) -> None:
    assert fields_of(settings, tmp_path, *paragraphs)["effective_date"] == effective


def test_a_covenant_period_named_after_it_is_not_the_term(
    settings: Settings, tmp_path: Path
) -> None:
    """ "for a period of twelve (12) months ..., directly solicit": the covenant comes after
    the period in the sentence, and the period is still the covenant's, not the term."""
    fields = fields_of(
        settings,
        tmp_path,
        "This Agreement is made by and between Tern Analytics LLC (“Tern”) and Vole Gas "
        "Company (“Vole”).",
        "7. Each Party agrees that it will not, for a period of twelve (12) months from the "
        "date hereof, directly solicit for employment any employee of the other Party.",
    )
    assert "term" not in fields


def test_an_undated_agreement_takes_effect_when_the_last_party_signed(
    settings: Settings, tmp_path: Path
) -> None:
    fields = fields_of(
        settings,
        tmp_path,
        "This Agreement is made by and between Alpha Robotics LLC (“Alpha”) and Mary Lane "
        "(“Employee”).",
        *[FILLER] * 6,
        "IN WITNESS WHEREOF, the parties have executed this Agreement.",
        "By: /s/ Mary Lane Dated: January 19, 2016",
        "ALPHA ROBOTICS LLC By: /s/ John Roe Title: President Dated: January 27, 2016",
    )
    assert fields["effective_date"] == "2016-01-27"
    assert "agreement_date" not in fields


def test_dates_in_the_text_are_not_signing_dates(settings: Settings, tmp_path: Path) -> None:
    fields = fields_of(
        settings,
        tmp_path,
        "This Agreement is made by and between Alpha Robotics LLC (“Alpha”) and Mary Lane "
        "(“Employee”).",
        *[FILLER] * 6,
        "The prior agreement of March 3, 2011 is replaced. Date: to be agreed.",
        "IN WITNESS WHEREOF, the parties have executed this Agreement. By: /s/ Mary Lane",
    )
    assert "effective_date" not in fields
