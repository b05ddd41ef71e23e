"""The clause readers of contracts on their own: signature blocks set side by side,
numbered sections under their headings, renewal sentences, and what a perpetual
agreement means for its dates. (Whole agreements, generated as PDFs, are the golden
cases of ``tests/golden/contracts.yaml``.)"""

from __future__ import annotations

import datetime as dt

import pytest

from intake.db.models import Document
from intake.extractors.extraction.contract_clauses import (
    clause_sections,
    defined_period,
    labelled_end,
    stated_start,
)
from intake.extractors.extraction.contract_ends import find_expiration
from intake.extractors.extraction.contract_law import find_governing_law
from intake.extractors.extraction.contract_parties import find_contract_parties
from intake.extractors.extraction.contract_renewal import find_renewal, renewal_by_option
from intake.extractors.extraction.contract_signatures import find_signatories
from intake.extractors.extraction.contract_signing import (
    LAST_SIGNED,
    last_signed_start,
    signing_date,
    starts_at_last_signature,
)
from intake.extractors.extraction.contract_term import find_term
from intake.extractors.extraction.fields.terms import parse_duration
from intake.filing.contract_dates import contract_dates

SIDE_BY_SIDE = """\
IN WITNESS WHEREOF, the parties have signed this Agreement on the dates below.
NORTHWIND TRADERS:  EMPLOYEE:
BY: /s/ Mark G. Hollis  /s/ Dana K. Reyes
Mark G. Hollis  Dana K. Reyes
Executive Vice President  Date: 11-6-08
"""

ADDRESS_BETWEEN = """\
IN WITNESS WHEREOF, the parties have executed this Agreement as of the date set forth below.
ORBIT SYSTEMS CORPORATION
9 Harbour Road
Portland, Oregon 97201
By:  /s/ Lena Ortiz
Lena Ortiz, Chief Executive Officer
EMPLOYEE:  Tom B. Kerr
(Print Name)
/s/ Tom B. Kerr
(Signature Here)
"""

SIGNED_FOR_A_COMPANY = """\
IN WITNESS WHEREOF, the parties have signed below.
/s/ Ryan Hale  /s/ Chen Wu
Ryan Hale, Delta Hosting  Chen Wu, Gamma Foods
"""


def test_side_by_side_blocks_give_the_company_and_the_person_signing_for_themselves() -> None:
    assert find_signatories(SIDE_BY_SIDE) == ["NORTHWIND TRADERS", "Dana K. Reyes"]


def test_an_address_between_the_company_and_its_signature_is_passed_over() -> None:
    assert find_signatories(ADDRESS_BETWEEN) == ["ORBIT SYSTEMS CORPORATION", "Tom B. Kerr"]


def test_people_who_sign_for_a_company_printed_under_them_are_not_parties() -> None:
    assert find_signatories(SIGNED_FOR_A_COMPANY) == []


def test_an_attesting_witness_is_not_a_party() -> None:
    text = "IN WITNESS WHEREOF\nATTEST  KIOSK WORKS, INC.:\nBy:\nWitness  Name:\nTitle:\n"
    assert find_signatories(text) == ["KIOSK WORKS, INC."]


def test_sections_are_found_by_their_numbered_headings() -> None:
    text = (
        "1. Definitions. Term means the Initial Term. 7. Term and Termination. This Agreement "
        "runs two years. 8. Notices. ARTICLE XII - TERM 12.1 This contract is effective."
    )
    sections = clause_sections(text, "term")
    assert [s[:24] for s in sections] == ["This Agreement runs two ", "12.1 This contract is ef"]


def test_headings_in_another_language_come_from_its_pack() -> None:
    text = "§ 3 Laufzeit. Der Vertrag läuft zwei Jahre. § 4 Preise. Die Preise sind fest."
    assert clause_sections(text, "term")[0].startswith("Der Vertrag läuft zwei Jahre.")


def test_a_word_in_a_sentence_is_not_a_heading() -> None:
    assert clause_sections("During the term of this Agreement, 30 days apply.", "term") == []


def test_the_agreement_s_own_effectiveness_and_a_labelled_end() -> None:
    text = "12.1 This contract shall be effective as of November 1, 2002 and runs on."
    assert stated_start(text, "mdy") == dt.date(2002, 11, 1)
    assert stated_start("The price shall be effective as of May 1, 2002.", "mdy") is None
    assert labelled_end("Termination Date: December 31, 2023", "mdy") == dt.date(2023, 12, 31)


def test_renewal_lengths_and_a_notice_inside_the_sentence() -> None:
    renews = (
        "This Agreement shall renew automatically upon sixty (60) days prior written notice "
        "for additional two (2) year terms."
    )
    assert find_renewal(renews) == "successive 2 year"
    assert find_renewal("This Agreement may be renewed automatically for one year.") == "1 year"
    assert find_renewal("This Agreement may be renewed for one year if both agree.") is None
    assert find_renewal("The licence shall renew automatically.", "1 year") is None


def test_renewals_that_repeat_without_a_kind_word_and_a_single_renewal() -> None:
    unless = " unless either party gives notice of non-renewal sixty (60) days before."
    # periods in the plural, or "each", repeat
    each = "At the end of the Initial Term, this Agreement shall automatically renew for "
    assert find_renewal(each + "periods of one (1) year each" + unless) == "successive 1 year"
    assert find_renewal(each + "one-year periods" + unless) == "successive 1 year"
    assert find_renewal(each + "two (2) years" + unless) == "2 year"
    # a kind word after "one" or "an" is a single renewal
    once = "This Agreement shall be automatically renewed for one additional period of 2 years."
    assert find_renewal(once) == "2 year"
    assert find_renewal(once.replace("one additional", "additional")) == "successive 2 year"
    # renewals of another kind after the first one repeat
    then = (
        "This Agreement shall be automatically renewed on the same terms for a further period "
        "of one (1) year, and thereafter for successive periods of one (1) year."
    )
    assert find_renewal(then) == "successive 1 year"
    # "automatically" before "be renewed", "each year", "from year to year"
    assert (
        find_renewal("This Agreement shall automatically be renewed for consecutive 2-year terms.")
        == "successive 2 year"
    )
    assert (
        find_renewal("Thereafter, this Agreement shall renew automatically each year unless ended.")
        == "successive 1 year"
    )
    assert (
        find_renewal(
            "Thereafter, this Agreement shall continue in effect from year to year unless "
            "terminated by either party on thirty (30) days' notice."
        )
        == "successive 1 year"
    )


def test_an_agreement_extended_as_it_renews() -> None:
    # "extended" renews as "renewed" does, "automatically" before or after "be", and the
    # agreement the subject of the verb the extension is joined to
    assert (
        find_renewal(
            "Upon expiration of the Initial Term, this Agreement shall automatically be "
            "extended for consecutive renewal periods of two (2) years each, unless either "
            "Party gives notice at least six (6) months prior to the end of the Initial Term."
        )
        == "successive 2 year"
    )
    assert (
        find_renewal(
            "The Agreement will run for an initial period of 24 months and will be extended "
            "automatically by periods of 12 months unless terminated with three months' notice."
        )
        == "successive 12 month"
    )
    # a date the agreement extends is no renewal of it
    assert find_renewal("Under this Agreement the delivery date shall be extended.") is None


def test_an_extension_after_a_present_tense_term_one_at_a_time_or_tacit() -> None:
    # the agreement "is" in effect until a day "and will be extended": the same subject
    assert (
        find_renewal(
            "This Agreement is effective from the Effective Date until the fourth "
            "anniversary thereof, and will be automatically extended for successive "
            "periods of two (2) years unless terminated by either party."
        )
        == "successive 2 year"
    )
    # "one year at a time": renewals that repeat, no kind word printed
    assert (
        find_renewal(
            "The Agreement shall run for three (3) years and shall be extended "
            "automatically by one (1) year at a time unless terminated with notice."
        )
        == "successive 1 year"
    )
    # "tacitly renewed", as agreements drafted in English on the Continent put it
    assert (
        find_renewal(
            "This Agreement shall be valid until December 31, 2016 and shall be tacitly "
            "renewed for successive periods of one year unless terminated by registered "
            "letter three months before its expiry."
        )
        == "successive 1 year"
    )


def test_a_renewal_both_parties_must_agree_to_is_none() -> None:
    agreed = (
        "This Agreement shall be renewed for additional periods of one (1) year only upon "
        "the mutual written agreement of the parties."
    )
    assert find_renewal(agreed) is None
    # an end by mutual agreement does not condition the renewal
    ended = (
        "This Agreement shall automatically renew for successive one (1) year periods unless "
        "terminated by mutual written agreement of the parties."
    )
    assert find_renewal(ended) == "successive 1 year"
    # one further period on each anniversary recurs
    recurs = (
        "This Agreement shall be automatically renewed for a further period of one year on "
        "each anniversary of the Effective Date."
    )
    assert find_renewal(recurs) == "successive 1 year"


def test_a_renewal_of_something_else_in_the_agreement_s_sentence_is_not_its_renewal() -> None:
    policies = (
        "Each party shall maintain its insurance policies in force during the term of this "
        "Agreement and shall renew them for periods of 2 years."
    )
    assert find_renewal(policies) is None


def test_an_agreement_in_force_for_a_period_has_that_term() -> None:
    text = (
        "Unless sooner terminated in accordance with Section 9, this Agreement shall be in "
        "force for an initial period of eighteen (18) months from the Effective Date. The "
        "obligations of confidentiality shall survive for a period of two (2) years after "
        "the termination of this Agreement."
    )
    term = find_term(text)
    assert term is not None and (term.value, term.own, term.fixed) == ("18 months", True, True)


def test_a_term_given_before_its_noun() -> None:
    term = find_term("This Agreement shall have a five-year term commencing on the Effective Date.")
    assert term is not None and (term.value, term.own) == ("5 years", True)


def test_a_perpetual_agreement_has_no_end_and_no_notice_date() -> None:
    doc = Document(
        id=7,
        original_name="agreement.pdf",
        fields={
            "effective_date": {"value": "2020-06-01", "source": "text"},
            "expiration_date": {"value": "perpetual", "source": "text"},
            "notice_period": {"value": "30 days", "source": "text"},
        },
    )
    dates = contract_dates(doc, dt.date(2026, 1, 1))
    assert (dates.first_end, dates.end_date, dates.notice_by) == (None, None, None)
    assert dates.in_force
    assert dates.explanation == "runs until terminated: it has no end date"


def test_a_scanned_clause_s_figures_as_ocr_reads_them() -> None:
    """OCR reads a lone 1 as "|" and the 5 of "(5th)" as an S: the fold reads a lone |, l or
    I before a unit as 1, and any figure in the anniversary's brackets."""
    assert (
        find_renewal("This Agreement shall be automatically extended for an additional | year.")
        == "1 year"
    )
    term = find_term(
        "This Agreement shall expire on the fifth (Sth) anniversary of the Effective Date."
    )
    assert term is not None and term.value == "5 years"


def test_a_term_and_a_renewal_given_by_their_definitions() -> None:
    """ "Initial Term" means the period of ...", "shall expire on the date that is two years
    after ...", and renewals "for successive Renewal Terms" whose definition gives them."""
    defined = find_term(
        '"Initial Term" means the period of five (5) years commencing on the Effective Date.'
    )
    assert defined is not None and (defined.value, defined.own) == ("5 years", True)
    dated = find_term(
        "The term of this Agreement shall expire on the date that is two (2) years after the "
        "Effective Date."
    )
    assert dated is not None and (dated.value, dated.own, dated.fixed) == ("2 years", True, True)
    renewal = (
        '"Renewal Term" means each successive period of twelve (12) months following the '
        "Initial Term. Upon expiration of the Initial Term, this Agreement shall automatically "
        "renew for successive Renewal Terms unless either party gives notice sixty days prior."
    )
    assert find_renewal(renewal, "5 years") == "successive 12 month"


def test_numbers_in_words_past_ninety() -> None:
    # notice periods of 75, 120 and 180 days are common, written out or with their figures
    assert parse_duration("one hundred eighty (180) days") == (180, "day")
    assert parse_duration("one hundred and twenty days") == (120, "day")
    assert parse_duration("seventy-five days") == (75, "day")
    assert parse_duration("eighty (80) days") == (80, "day")
    renews = (
        "This Agreement shall be renewed automatically for additional periods of two (2) "
        "years, unless either party gives written notice of non-renewal at least one hundred "
        "eighty (180) days prior to the end of the then current term."
    )
    assert find_renewal(renews) == "successive 2 year"


def test_a_term_from_the_effective_date_to_a_date() -> None:
    start = dt.date(2019, 3, 1)
    text = "The Term of this Agreement is from the Effective Date to March 31, 2022."
    assert find_expiration(text, "mdy", start) == (dt.date(2022, 3, 31), text[:-1])
    other = "The prices apply from the Effective Date to March 31, 2022."
    assert find_expiration(other, "mdy", start) is None


def test_an_option_to_renew_gives_its_renewal() -> None:
    # a party's option: "may extend the Term", "shall have the option to renew", "the Term
    # may be renewed by ...", with a bare unit ("an additional year") or by the year
    option = (
        "Distributor shall have the option to renew this Agreement for one (1) additional "
        "term of three (3) years by written notice given no later than six (6) months "
        "before the expiry of the Initial Term."
    )
    assert find_renewal(option) == "3 year"
    assert renewal_by_option(option)
    assert find_renewal("The Company may extend the Term for an additional year.") == "1 year"
    yearly = "Thereafter, the Agreement may be extended on a yearly basis at Buyer's option."
    assert find_renewal(yearly) == "successive 1 year"
    right = "Licensee has the right to renew the Term for successive five (5) year periods."
    assert find_renewal(right) == "successive 5 year"
    by_client = "The Term may be renewed by the Client for an additional two (2) year period."
    assert find_renewal(by_client) == "2 year"
    # an automatic renewal is none, and the options of other things or both parties are no
    # renewal at all
    automatic = "This Agreement shall automatically renew for successive one (1) year periods."
    assert not renewal_by_option(automatic)
    assert not renewal_by_option("This Agreement may be renewed automatically for one year.")
    assert find_renewal("Licensee may extend the Territory for an additional fee.") is None
    assert find_renewal("The Supplier may extend the time for delivery by 14 days.") is None
    mutual = "The parties may extend this Agreement by mutual written agreement for one year."
    assert find_renewal(mutual) is None


#: the fields of a two-year agreement from 1 March 2024 that a party may renew for three
#: years, by notice six months before its end
RENEWABLE_BY_OPTION = {
    "effective_date": {"value": "2024-03-01", "source": "text"},
    "term": {"value": "2 years", "source": "text"},
    "renewal_term": {"value": "3 year", "source": "text"},
    "renewal_by_option": {"value": "yes", "source": "text"},
    "notice_period": {"value": "6 months", "source": "text"},
}


def test_a_renewal_by_option_ends_unless_it_is_taken() -> None:
    # the dates do not roll on: the term ends, and the last day to take the option up is
    # the notice before that end
    fields = RENEWABLE_BY_OPTION
    doc = Document(id=8, original_name="distribution.pdf", fields=fields)
    dates = contract_dates(doc, dt.date(2025, 6, 1))
    assert (dates.end_date, dates.notice_by) == (dt.date(2026, 3, 1), dt.date(2025, 9, 1))
    assert (dates.renews, dates.renewal_option) == (False, True)
    later = contract_dates(doc, dt.date(2026, 6, 1))
    assert (later.end_date, later.in_force) == (dt.date(2026, 3, 1), False)
    renewing = Document(id=9, original_name="d.pdf", fields={**fields, "renewal_by_option": {}})
    assert contract_dates(renewing, dt.date(2026, 6, 1)).end_date == dt.date(2029, 3, 1)


def test_an_agreement_that_terminates_automatically_on_a_date() -> None:
    text = "This Agreement shall terminate automatically on January 1, 2030."
    found = find_expiration(text, "mdy", dt.date(2020, 1, 1))
    assert found is not None and found[0] == dt.date(2030, 1, 1)


def test_an_agreement_in_force_once_the_last_party_signs() -> None:
    """Words of effect with words of the last signature, however the agreement puts it."""
    for said in (
        "The Contract takes effect on the later of the two dates of signature below.",
        "This Deed shall come into force upon signature by both Parties.",
        "The Agreement enters into force when signed by all the parties hereto.",
        "This Contract shall take effect on the date of its signature by the last Party.",
    ):
        assert LAST_SIGNED.search(said), said
    assert LAST_SIGNED.search("The prices take effect on the first day of each quarter.") is None
    # a term counted from the last signature starts there too
    runs = (
        "This Agreement shall terminate two (2) years after the date on which it is signed by all"
    )
    assert LAST_SIGNED.search(runs + " the Parties.")
    assert (
        LAST_SIGNED.search("The licence shall terminate two (2) years after the Closing.") is None
    )


def _signed(closing: str) -> dt.date | None:
    text = " ".join(closing.split())
    return signing_date(text, closing, "dmy")


def test_signing_lines_of_other_traditions_give_the_last_signature() -> None:
    # the place and date over a signature, as agreements from the Continent sign
    continental = (
        "Clause 12. Place of jurisdiction is Bremen.\n"
        "Bremen, 07.10.2022\n"
        "Weser Kontor GmbH ______________ Jana Vogt\n"
        "In Ghent, on 14/10/2022 For the Buyer: ______________\n"
    )
    assert _signed(continental) == dt.date(2022, 10, 14)
    # a closing sentence: where it was signed, then when
    closing = (
        "Thus done and signed at Bloemfontein on this 2nd day of August 2021.\n"
        "AS WITNESSES: 1. ______\n"
        "Signed in triplicate in Groningen on 11 August 2021.\n"
    )
    assert _signed(closing) == dt.date(2021, 8, 11)
    # a place and date with no signature near it is an address or a heading, not a signing
    assert _signed("Head office\nLeeds, 3 March 2020\nTelephone 0113 000 0000\n") is None


def test_a_start_in_the_present_tense_a_period_s_start_and_a_defined_start() -> None:
    applies = "The Contract applies from 3 February 2024 up to 2 February 2025."
    assert stated_start(applies, "dmy") == dt.date(2024, 2, 3)
    in_force = "This Contract is in force from March 2, 2023 until May 1, 2024."
    assert stated_start(in_force, "mdy") == dt.date(2023, 3, 2)
    period = (
        "This Agreement is concluded for a fixed period of three (3) years, commencing on "
        "1 October 2022 and ending on 30 September 2025."
    )
    assert stated_start(period, "dmy") == dt.date(2022, 10, 1)
    # a defined term where the date would stand: its definition gives the date, quoted
    # or not
    quoted = (
        '"Start Date" means 15 April 2021; "Site" means the depot. This Supply Agreement '
        "shall take effect on the Start Date."
    )
    assert stated_start(quoted, "dmy") == dt.date(2021, 4, 15)
    unquoted = (
        "In this agreement: Date of Entry means 9 June 2019. This agreement shall subsist "
        "for a period of ten years from and after the Date of Entry."
    )
    assert stated_start(unquoted, "dmy") == dt.date(2019, 6, 9)
    # a schedule's label gives the defined term its date too
    schedule = (
        "The term of this Rental shall commence on the Delivery Date. SCHEDULE 1 Forklift: "
        "one. Delivery Date: 3 August 2020 Rent: $900 a month"
    )
    assert stated_start(schedule, "dmy") == dt.date(2020, 8, 3)
    # a term defined as no date gives none
    later = (
        '"Start Date" means the day the Site is handed over. This Agreement starts on the '
        "Start Date."
    )
    assert stated_start(later, "dmy") is None


def test_ends_bounded_by_inclusive_words_by_a_latest_day_and_by_a_year_s_end() -> None:
    start = dt.date(2023, 4, 1)
    inclusive = "The Contract is valid from 1 April 2023 up to and including 31 March 2024."
    assert find_expiration(inclusive, "dmy", start) == (dt.date(2024, 3, 31), inclusive[:-1])
    latest = (
        "This Contract shall remain in force until the handover of the Premises, but in any "
        "event not later than 30 September 2024."
    )
    found = find_expiration(latest, "dmy", start)
    assert found is not None and found[0] == dt.date(2024, 9, 30)
    earlier = (
        "This Agreement shall continue until the delivery of the last Vessel or 1 March "
        "2025, whichever occurs first."
    )
    found = find_expiration(earlier, "dmy", start)
    assert found is not None and found[0] == dt.date(2025, 3, 1)
    # a date printed after "until" itself is the end, not a later deadline in the sentence
    direct = (
        "This Agreement shall continue until 31 May 2024 and fees are due no later than "
        "1 June 2024."
    )
    found = find_expiration(direct, "dmy", start)
    assert found is not None and found[0] == dt.date(2024, 5, 31)
    # the end of the calendar year the start falls in, or the then-current one
    year = (
        "This Agreement shall continue until the end of the calendar year in which the "
        "Commencement Date falls."
    )
    found = find_expiration(year, "dmy", start)
    assert found is not None and found[0] == dt.date(2023, 12, 31)
    current = "The term shall run through the end of the then-current calendar year."
    found = find_expiration(current, "dmy", start)
    assert found is not None and found[0] == dt.date(2023, 12, 31)
    assert (
        find_expiration("Prices are fixed until the end of the calendar year.", "dmy", start)
        is None
    )


def test_a_period_with_its_adjective_and_an_anniversary_at_an_hour() -> None:
    firm = find_term("The Contract is concluded for a firm period of twenty-four (24) months.")
    assert firm is not None and (firm.value, firm.own) == ("24 months", True)
    initial = find_term(
        "The Agreement takes effect on signature and is entered into for an initial period "
        "of four (4) years as from that date."
    )
    assert initial is not None and initial.value == "4 years"
    hour = find_term(
        "This Agreement shall terminate at 4:30 p.m. (Halifax time) on the second "
        "anniversary of the Effective Date."
    )
    assert hour is not None and hour.value == "2 years"


def test_a_law_that_applies_in_the_present_tense_an_adjective_and_a_place_with_and() -> None:
    def law(text: str) -> str | None:
        found = find_governing_law(text)
        return found[0] if found else None

    assert law("Austrian law applies, to the exclusion of its conflict rules.") == "Austria"
    assert law("The law of Northern Ireland applies to this Contract.") == "Northern Ireland"
    assert law("This Contract shall be governed by South African law.") == "South Africa"
    assert (
        law("This Lease is governed by the laws of the Province of Newfoundland and Labrador.")
        == "Newfoundland and Labrador"
    )
    # a province's law and its country's are still cut at their "and"
    assert law("This Lease is governed by the laws of Manitoba and the laws of Canada.") == (
        "Manitoba"
    )


def test_renewals_then_by_tacit_agreement_in_each_case_and_after_the_first_year_s_end() -> None:
    tacit = (
        "The Contract is concluded for an initial period of two (2) years. It will then be "
        "renewed by tacit agreement for successive periods of two (2) years."
    )
    assert find_renewal(tacit) == "successive 2 year"
    each_case = (
        "The licence term ends on 31.03.2026. Thereafter, the contract is extended by a "
        "further 6 months in each case unless terminated with three months' notice."
    )
    assert find_renewal(each_case) == "successive 6 month"
    yearly = (
        "This Agreement shall continue in force until the end of the calendar year in which "
        "the Start Date falls and thereafter from calendar year to calendar year until "
        "terminated by either party."
    )
    assert find_renewal(yearly) == "successive 1 year"


def test_a_register_note_a_long_definition_and_an_and_of_a_name_in_capitals() -> None:
    noted = (
        "This Cleaning Agreement is entered into by and between KLIPRIVIER HYGIENE CC "
        '(Registration No. 2004/056789/23), a close corporation (hereinafter "the '
        'Contractor") and MARULA OFFICE PARKS (PTY) LTD (hereinafter "the Owner").'
    )
    assert find_contract_parties(noted) == [
        "KLIPRIVIER HYGIENE CC",
        "MARULA OFFICE PARKS (PTY) LTD",
    ]
    tail = (
        "which expression shall, unless repugnant to the context or meaning thereof, be "
        "deemed to mean and include its successors and permitted assigns"
    )
    indian = (
        "This AGREEMENT is made at Pune BY AND BETWEEN SAHYADRI FORGINGS PRIVATE LIMITED, a "
        "company incorporated under the Companies Act, 2013, having its registered office "
        f'at Pune (hereinafter referred to as the "Seller", {tail}) of the ONE PART; AND '
        "GODAVARI VALVES AND FITTINGS LIMITED, a company incorporated under the Companies "
        "Act, 1956, having its registered office at Nashik (hereinafter referred to as the "
        f'"Buyer", {tail}) of the OTHER PART.'
    )
    assert find_contract_parties(indian) == [
        "SAHYADRI FORGINGS PRIVATE LIMITED",
        "GODAVARI VALVES AND FITTINGS LIMITED",
    ]


def test_a_rolling_basis_and_the_end_of_a_month_are_no_term() -> None:
    rolling = (
        "Unless Renter gives Owner written notice at least sixty (60) days before the end of "
        "the Initial Term of its wish to return the Forklift, the term of this Rental shall "
        "automatically renew on a month-to-month basis."
    )
    assert find_term(rolling) is None
    until = (
        "2. Term. The Contract shall come into force on 1 May 2022 and shall remain in force "
        "until terminated by either party with three (3) months' written notice to the end "
        "of a calendar month."
    )
    assert find_term(until) is None


def test_a_capital_and_before_the_next_party_and_a_parties_heading() -> None:
    french = (
        "BETWEEN THE UNDERSIGNED: Fromageries Vallin, a societe par actions simplifiee with "
        "its registered office at 3 rue Haute, 74000 Annecy, represented by Mrs. Anne Vallin, "
        'in her capacity as President, hereinafter referred to as the "Producer", of the one '
        "part, AND Thistle Deli Supplies Ltd, a company incorporated in Scotland, represented "
        'by Mr. Ross Keir, in his capacity as Director, hereinafter referred to as the "Buyer", '
        "of the other part."
    )
    assert find_contract_parties(french) == ["Fromageries Vallin", "Thistle Deli Supplies Ltd"]
    heading = (
        "PARTIES Totara Ridge Wool Limited (company number 7654321) (Grower) Harbourside "
        "Knitwear Limited (company number 1122334) (Maker)"
    )
    assert find_contract_parties(heading) == [
        "Totara Ridge Wool Limited",
        "Harbourside Knitwear Limited",
    ]


def test_key_details_without_colons_and_an_end_given_by_a_defined_term() -> None:
    details = (
        "KEY DETAILS Start Date 1 June 2024 End Date 31 May 2026 Fee NZD 400 a month. "
        "2. Term. This Agreement starts on the Start Date and continues until the End Date."
    )
    assert stated_start(details, "dmy") == dt.date(2024, 6, 1)
    found = find_expiration(details, "dmy", dt.date(2024, 6, 1))
    assert found is not None and found[0] == dt.date(2026, 5, 31)
    defined = (
        "Finish Date means 30 September 2025 or, if the Term is extended, the last day of "
        "the extension. This agreement starts on 1 October 2023 and ends on the Finish Date."
    )
    found = find_expiration(defined, "dmy", dt.date(2023, 10, 1))
    assert found is not None and found[0] == dt.date(2025, 9, 30)


def test_an_indian_individual_s_age_and_father_are_not_the_party() -> None:
    licence = (
        "This Agreement of Leave and Licence is made at Nagpur BETWEEN Mrs. Meera Anil "
        "Deshmukh, aged about 47 years, W/o Shri Anil Vasant Deshmukh, residing at 12 Civil "
        'Lines, Nagpur (hereinafter referred to as the "Licensor") of the ONE PART AND '
        "Vidarbha Seeds Private Limited, a company incorporated under the Companies Act, "
        '2013 (hereinafter referred to as the "Licensee") of the OTHER PART.'
    )
    assert find_contract_parties(licence) == [
        "Mrs. Meera Anil Deshmukh",
        "Vidarbha Seeds Private Limited",
    ]


def test_a_start_on_a_defined_term_for_the_last_signature() -> None:
    defined = (
        '"Execution Date" means the date on which this Agreement is signed by the party '
        "signing last. 4. Duration. This Agreement shall commence on the Execution Date and "
        "endure for 36 (thirty-six) months."
    )
    assert starts_at_last_signature(defined)
    assert not starts_at_last_signature(defined.replace("commence on", "be read with"))


def test_an_and_inside_a_name_in_capitals_after_a_label() -> None:
    particulars = (
        "THIS LEASE is dated 3 March 2016 PARTICULARS Landlord: WESTFERRY DOCKS LIMITED "
        "(company number 02345678) whose registered office is at 1 Quay Road, London "
        "Tenant: HARBOUR FRAMES AND GLASS LIMITED (company number 08765432) whose "
        "registered office is at 4 Mill Lane, London"
    )
    assert find_contract_parties(particulars) == [
        "WESTFERRY DOCKS LIMITED",
        "HARBOUR FRAMES AND GLASS LIMITED",
    ]


def test_a_party_named_by_its_role_after_a_thing() -> None:
    # "software" names a thing; "Provider", the last word, the party
    text = (
        "BETWEEN: Nuages Alpins SAS, whose registered office is at 2 place Grenette, 38000 "
        'Grenoble, France (hereinafter the "Software Provider"), AND: Boyne Analytics Limited, '
        'a company incorporated in Ireland (hereinafter the "Client").'
    )
    assert find_contract_parties(text) == ["Nuages Alpins SAS", "Boyne Analytics Limited"]
    # a term named by a thing is still no party
    assert "Order" not in str(find_contract_parties(text + ' Each order (a "Service Order").'))


def test_a_legal_form_of_the_packs_before_a_register_number_and_an_address() -> None:
    danish = (
        "This Purchase Agreement is made on 2 May 2022 between Vestkyst Mejeri A/S, CVR no. "
        '11223344, Mejerivej 2, 6950 Ringkobing, Denmark ("Buyer") and Limfjord Emballage '
        'ApS, CVR no. 55667788, Fabriksvej 7, 7800 Skive, Denmark ("Seller").'
    )
    assert find_contract_parties(danish) == ["Vestkyst Mejeri A/S", "Limfjord Emballage ApS"]


def test_a_governing_law_row_without_a_colon_names_a_known_state() -> None:
    cover = "COVER PAGE Governing Law State of New Mexico Notices By email to the addresses above"
    found = find_governing_law(cover)
    assert found is not None and found[0] == "New Mexico"
    # a place the packs do not know as a state is left unread: the row has no end
    assert find_governing_law("Governing Law State of Palmyra Atoll Notices By email") is None


def test_an_initial_term_row_without_a_colon() -> None:
    row = find_term(
        "KEY TERMS Initial Term Three (3) years from the Effective Date Fees As per Schedule"
    )
    assert row is not None and (row.value, row.own) == ("3 years", True)
    # the words in a sentence, with no length right after them, are no row
    assert find_term("Fees are fixed during the Initial Term and reviewed each year.") is None


def test_a_renewal_row_of_key_details_without_a_verb() -> None:
    row = "Renewal Consecutive two (2) year terms unless either party gives 90 days' notice"
    assert find_renewal("KEY TERMS " + row) == "successive 2 year"
    labelled = "Renewal: Automatic renewal for further terms of 6 months each."
    assert find_renewal(labelled) == "successive 6 month"
    # a heading followed by its sentence is read as before
    assert find_renewal("Renewal. Further services may be ordered at any time.") is None


def test_a_renewal_the_agreement_denies_is_none() -> None:
    # c7 probe: "shall not renew automatically" had been read as an evergreen renewal
    denied = (
        "The Term of this Agreement is two (2) years from the Effective Date. The Term shall "
        "not be automatically renewed, and any extension needs an amendment signed by Kestrel "
        "Dairy Co-op and Brightwater Cheese Ltd."
    )
    assert find_renewal(denied, "2 years") is None
    assert find_renewal("This Agreement will not renew automatically.", "1 year") is None
    # a renewal stopped by a notice ("unless ... does not wish to renew") still renews
    stopped = (
        "This Agreement shall renew automatically for successive one (1) year terms unless "
        "a party gives notice that it will not renew."
    )
    assert find_renewal(stopped) == "successive 1 year"


def test_an_end_till_a_date() -> None:
    # c7 probe: Indian and British drafting write "till" for "until"
    start = dt.date(2021, 10, 1)
    text = "This Agreement shall remain in force till 30th September, 2026, unless terminated."
    assert find_expiration(text, "dmy", start) == (dt.date(2026, 9, 30), text[:-20])
    other = "Prices quoted in Annexure B are firm till 31st March, 2022."
    assert find_expiration(other, "dmy", start) is None


def test_a_term_that_starts_on_a_day_named_by_an_event_has_no_computed_end() -> None:
    # c7 probe: a lease "shall commence on the date the Equipment is delivered" and a hosting
    # term "beginning on the Service Commencement Date" (defined as the day Provider gives
    # notice) had their ends computed from the agreement's date
    handed = (
        "4. Rental Term. The rental term shall begin on the date the Vehicles are handed over "
        "to Renter and continue for a period of thirty (30) months."
    )
    found = find_term(handed)
    assert found is not None and (found.value, found.fixed) == ("30 months", False)
    signed = handed.replace("the Vehicles are handed over to Renter", "first written above")
    found = find_term(signed)
    assert found is not None and (found.value, found.fixed) == ("30 months", True)
    defined = (
        "The initial term of this Agreement is twenty-four (24) months, starting on the "
        "Operations Date. The Operations Date is the date on which the Terminal first loads "
        "a vessel of Harrowgate Shipping Pty Ltd."
    )
    found = find_term(defined)
    assert found is not None and (found.value, found.fixed) == ("24 months", False)
    printed = (
        "The initial term of this Agreement is twenty-four (24) months, starting on the "
        "Operations Date. “Operations Date” means 1 May 2024."
    )
    found = find_term(printed)
    assert found is not None and (found.value, found.fixed) == ("24 months", True)


def test_an_agreement_effective_on_the_date_last_signed() -> None:
    # c7 probe: the participle after its noun ("the date last signed below") was not read
    # as the last signature, so the end was not computed from it
    for said in (
        "This Hosting Agreement is made as of the date last signed below (the “Effective "
        "Date”) by Tallis Cloud Ltd. and Ferrand Bakeries Inc.",
        "This Agreement shall become effective on the date last executed by the parties.",
    ):
        assert LAST_SIGNED.search(said), said
    assert LAST_SIGNED.search("The price list was last signed off on May 2, 2020.") is None


def test_a_term_that_begins_and_then_expires_in_the_present_tense() -> None:
    # c7 probe: "The term of this Agreement begins on the Effective Date and expires ten (10)
    # years from the Effective Date" stated no term, so no end was computed
    text = (
        "The term of this Agreement begins on the Effective Date and ends five (5) years after "
        "the Effective Date, unless Ardent Pumps Ltd terminates it earlier."
    )
    found = find_term(text)
    assert found is not None and (found.value, found.own, found.fixed) == ("5 years", True, True)
    printed = (
        "The term of this Agreement begins on the Effective Date and ends on June 30, 2027, "
        "unless either party terminates it upon ninety (90) days' notice."
    )
    assert find_term(printed) is None


def test_the_defined_term_as_the_subject_of_its_start() -> None:
    # c7 probe: "The Term commences on the Commencement Date" with ""Commencement Date" means
    # 1 August 2020" (Australian drafting) dated nothing
    text = (
        "1.1 Commencement Date means 3 February 2021. 5.1 The Term commences on the "
        "Commencement Date and continues for four (4) years, unless Jarrah Fitness Pty Ltd "
        "terminates it earlier."
    )
    assert stated_start(text, "dmy") == dt.date(2021, 2, 3)
    will = "The Term will begin on 1 March 2022 and run for two years."
    assert stated_start(will, "dmy") == dt.date(2022, 3, 1)
    # a term of something else, in lower case, is not the agreement's
    other = "Each Subscription term commences on the date of its Order Form, 1 May 2022."
    assert stated_start(other, "dmy") is None


def test_a_register_note_before_a_description_without_a_comma() -> None:
    # c7 probe: "X Limited (company number 07654321) whose registered office is at ..." gave
    # the town of the address as the party
    text = (
        "THIS AGREEMENT is made on 3 March 2020 BETWEEN (1) Corrie Distillers Limited (company "
        "number SC123456) whose registered office is at 5 Bridge Street, Perth PH1 5AA "
        "(“Distiller”) and (2) Lochan Casks Ltd (company number 09988776) whose registered "
        "office is at 2 Quay Road, Oban PA34 4LA (“Cooper”)."
    )
    assert find_contract_parties(text) == ["Corrie Distillers Limited", "Lochan Casks Ltd"]


def test_an_end_until_an_hour_of_a_date() -> None:
    # c7 probe: "until 11:59 p.m. Central Time on March 31, 2022" (the hour after "until")
    # left the end unread
    start = dt.date(2016, 7, 1)
    text = (
        "The initial term of this Agreement shall continue until 5:00 p.m. Pacific Time on "
        "June 30, 2021, unless Cordova Freight Inc. terminates it earlier."
    )
    assert find_expiration(text, "mdy", start) == (dt.date(2021, 6, 30), text[:-52])


def test_a_person_s_father_written_out_is_not_the_party() -> None:
    # c7 probe: "Rohan Mehta, son of Suresh Mehta, residing at ..." gave the father
    text = (
        "This Agreement is made at Pune on 2nd May, 2022 between Nandi Agro Private Limited, "
        "a company incorporated under the Companies Act, 2013 (hereinafter the “Company”) "
        "AND Kavya Iyer, daughter of Ramesh Iyer, residing at 9 Lake Road, Chennai 600017 "
        "(hereinafter the “Consultant”)."
    )
    assert find_contract_parties(text) == ["Nandi Agro Private Limited", "Kavya Iyer"]


def test_the_term_of_this_lease_dates_its_start() -> None:
    # c7 probe: "The term of this Lease shall be five (5) years, commencing on April 1, 2023"
    # (the agreement calls itself a lease) dated nothing
    text = (
        "3. Term. The term of this Lease shall be three (3) years, commencing on October 1, "
        "2024 and ending on September 30, 2027, and Tenant shall pay rent monthly."
    )
    assert stated_start(text, "mdy") == dt.date(2024, 10, 1)
    # another lease a sublease names ("the Master Lease") does not date this agreement
    master = "The term of the Master Lease commenced on June 1, 2015."
    assert stated_start(master, "mdy") is None


def test_years_an_agreement_names_its_own_are_years() -> None:
    # c7 probe: "the option to extend the Term for an additional two (2) Contract Years" gave
    # no renewal (the unit was not read)
    assert parse_duration("two (2) Contract Years") == (2, "year")
    option = (
        "Tenant shall have the option to extend the Term for one (1) additional period of five "
        "(5) Lease Years by notice to Saltmarsh Estates LLC."
    )
    assert find_renewal(option) == "5 year"
    assert renewal_by_option(option)
    assert parse_duration("the contract year") is None


def test_a_contract_period_and_a_contract_that_runs_from_a_date_date_the_start() -> None:
    # c7 probe (second set): "The Contract Period shall commence on January 1, 2020" and
    # "This Contract shall run from 1 April 2019 until 31 March 2022" dated nothing
    period = (
        "4. The Contract Period shall commence on 1 February 2021 and end on 31 January 2024 "
        "unless Tarn Valley Buses Ltd ends it earlier."
    )
    assert stated_start(period, "dmy") == dt.date(2021, 2, 1)
    initial = "The Initial Term shall begin on 3 May 2021 and last two (2) years."
    assert stated_start(initial, "dmy") == dt.date(2021, 5, 3)
    runs = "This Contract shall run from 1 April 2019 until 31 March 2022."
    assert stated_start(runs, "dmy") == dt.date(2019, 4, 1)
    deliveries = "Deliveries under Schedule 2 shall run from 1 May 2019 until 30 June 2019."
    assert stated_start(deliveries, "dmy") is None


def test_a_renewal_for_periods_named_by_an_adjective() -> None:
    # c7 probe (third set): "renewed automatically for successive annual periods" fell
    # through to the evergreen rule and took the initial term's length (two years)
    text = (
        "The initial term is three (3) years, and the term shall be renewed automatically for "
        "successive annual periods unless Lakeside Ice Co. gives sixty (60) days' notice."
    )
    assert find_renewal(text, "3 years") == "successive 1 year"
    monthly = "Thereafter this Agreement shall automatically renew for successive monthly terms."
    assert find_renewal(monthly, "1 year") == "successive 1 month"


def test_a_lease_that_renews_as_an_agreement_does() -> None:
    # c7 probe (third set): "This Lease may be renewed by Tenant for two (2) successive terms
    # of five (5) years each": the agreement calls itself a lease
    text = (
        "This Lease may be renewed by Tenant for two (2) successive terms of three (3) years "
        "each by notice to Redfern Holdings LLC."
    )
    assert find_renewal(text) == "successive 3 year"
    assert renewal_by_option(text)
    option = "Tenant shall have the option to renew this Lease for one additional year."
    assert find_renewal(option) == "1 year"
    # a lease the agreement names is another's
    master = "The Master Lease may be renewed by Landlord for two (2) terms of five (5) years."
    assert find_renewal(master) is None


@pytest.mark.parametrize(
    ("renewal", "today", "end", "notice_by", "renews"),
    [
        # one renewal ("for one additional period of two years"): taken once, then the
        # agreement ends by itself; no notice date after it
        ("2 year", dt.date(2027, 6, 1), dt.date(2029, 3, 1), None, False),
        ("2 year", dt.date(2031, 6, 1), dt.date(2029, 3, 1), None, False),
        # still ahead: notice before the first end stops it
        ("2 year", dt.date(2026, 6, 1), dt.date(2027, 3, 1), dt.date(2026, 12, 1), True),
        # too late to give notice: the one renewal happens, and the term after it ends
        ("2 year", dt.date(2027, 1, 15), dt.date(2029, 3, 1), None, False),
        # successive periods recur for as long as nobody gives notice
        ("successive 2 year", dt.date(2031, 6, 1), dt.date(2033, 3, 1), dt.date(2032, 12, 1), True),
    ],
)
def test_a_single_renewal_happens_once_and_successive_ones_recur(
    renewal: str, today: dt.date, end: dt.date, notice_by: dt.date | None, renews: bool
) -> None:
    fields = {
        "effective_date": {"value": "2024-03-01", "source": "text"},
        "term": {"value": "3 years", "source": "text"},
        "renewal_term": {"value": renewal, "source": "text"},
        "notice_period": {"value": "3 months", "source": "text"},
    }
    dates = contract_dates(Document(id=11, original_name="supply.pdf", fields=fields), today)
    assert (dates.end_date, dates.notice_by, dates.renews) == (end, notice_by, renews)


def test_repeating_renewals_are_named_successive_whatever_kind_word_is_printed() -> None:
    # "additional", "consecutive" and "further" periods repeat as "successive" ones do
    unless = " unless either party gives notice of non-renewal sixty (60) days before."
    for kind in ("successive", "additional", "consecutive", "further"):
        renews = f"Thereafter, the Agreement will automatically renew for {kind} one-year terms"
        assert find_renewal(renews + unless) == "successive 1 year"
        periods = f"The Term shall be extended automatically for {kind} periods of two (2) years"
        assert find_renewal(periods + " each" + unless) == "successive 2 year"
    # one renewal stays one, whatever its kind word
    once = "This Agreement shall be automatically renewed for one further period of one year."
    assert find_renewal(once) == "1 year"


def test_a_period_after_the_word_notice_is_the_notice_not_the_term() -> None:
    # the notice's period stands after its noun as often as before it
    for notice in ("notice of not less than three (3) months", "written notice at least 3 months"):
        text = f"This Agreement shall continue in effect until either party gives {notice}."
        assert find_term(text) is None
    assert find_term("This Agreement shall continue in effect for three (3) months.") is not None


def test_a_start_given_by_the_definition_of_the_term() -> None:
    text = (
        '"Commencement Date" means 1 February 2022. "Term" means the period commencing on the '
        "Commencement Date and ending on the third anniversary of the Commencement Date."
    )
    assert stated_start(text, "dmy") == dt.date(2022, 2, 1)
    term = find_term(text)
    assert term is not None and (term.value, term.fixed) == ("3 years", True)
    assert stated_start('"Term" means the period of the Services.', "dmy") is None


def test_an_end_labelled_in_a_row_of_key_details_without_a_colon() -> None:
    details = "Commencement Date 15 January 2020 Expiry Date 14 January 2023 Charges As set out"
    assert labelled_end(details, "dmy") == dt.date(2023, 1, 14)
    assert labelled_end("END DATE March 31, 2024", "mdy") == dt.date(2024, 3, 31)
    # a label is printed capitalised; in a sentence, with no date right after it, it is none
    assert labelled_end("until the expiry date 14 days after notice of 1 May 2023", "dmy") is None


def test_renewal_terms_qualified_by_their_noun_and_a_term_renewable_by_itself() -> None:
    # plural renewal periods repeat, their noun qualified or not
    plural = "This Agreement shall automatically renew for one-year renewal terms thereafter."
    assert find_renewal(plural) == "successive 1 year"
    # the adjective of a term that renews by itself
    yearly = "The term of this Agreement is three (3) years, renewable annually thereafter."
    assert find_renewal(yearly) == "successive 1 year"
    # renewable only if both agree: no renewal term
    mutual = "The term of this Agreement is four years, renewable by the parties' mutual consent."
    assert find_renewal(mutual) is None


def test_the_later_of_the_dates_named_by_where_they_stand() -> None:
    for cue in (
        "This Agreement is effective as of the later of the dates beneath the parties' signatures",
        "It shall take effect on the later of the two dates set forth below the signatures",
    ):
        assert LAST_SIGNED.search(cue)
    assert not LAST_SIGNED.search("This Agreement is effective as of the later of the dates below.")


def test_an_english_execution_clause_dates_its_signature() -> None:
    closing = (
        "Signed by an authorised signatory for and on behalf of Severn Engineering Limited on "
        "7 June 2019. Signed by an authorised signatory for and on behalf of Lumen Devices "
        "Limited on 12 June 2019."
    )
    assert signing_date(closing, closing, "dmy") == dt.date(2019, 6, 12)
    # a date that is not the signature's: "signed ... on behalf of" leads to no date
    assert signing_date("Signed for and on behalf of X Limited.", "", "dmy") is None


def test_an_agreement_that_comes_into_force_and_continues_in_force_for_a_period() -> None:
    text = (
        "This Agreement shall come into force on the date of signature by the last party to "
        "sign it and shall continue in force for an initial period of three years."
    )
    term = find_term(text)
    assert term is not None and (term.value, term.own, term.fixed) == ("3 years", True, True)


def test_the_capacity_a_party_acts_in_is_no_name() -> None:
    # "X, as Administrative Agent (in such capacity, the "Agent")": the party is X
    text = (
        "CREDIT AGREEMENT dated as of May 2, 2022 among Harrow Freight Holdings, LLC, a Delaware "
        'limited liability company (the "Borrower"), the Lenders party hereto, and Lakemont '
        'Savings Bank, N.A., as Administrative Agent (in such capacity, the "Agent").'
    )
    parties = ["Harrow Freight Holdings, LLC", "Lakemont Savings Bank, N.A."]
    assert find_contract_parties(text) == parties


def test_an_agreement_dated_by_its_last_signature_takes_effect_then() -> None:
    for cue in (
        # the day told by who signs, then the defined term
        "This Supply Agreement is made and entered into as of the date on which it has been "
        'signed by both parties (the "Effective Date") between Karri Joinery Pty Ltd and ...',
        # dated by the last signature, with no other day of effect
        "This Agreement is dated on the date of the last signature below.",
        # a term counted from the last signature
        "This Agreement shall remain in effect for three (3) years from the date of the last "
        "signature below.",
    ):
        assert LAST_SIGNED.search(cue), cue
    assert not LAST_SIGNED.search("This Agreement is dated the date first written above.")


def test_an_agreement_effective_the_first_of_the_month_after_its_execution() -> None:
    signed = dt.date(2021, 11, 23)
    month = (
        "This Agreement shall become effective on the first day of the calendar month following "
        "the date on which it has been executed by both parties."
    )
    assert last_signed_start([month], signed) == dt.date(2021, 12, 1)
    assert last_signed_start([month], dt.date(2021, 12, 31)) == dt.date(2022, 1, 1)
    on_the_day = "This Agreement takes effect on the date of the last signature below."
    assert last_signed_start(["Preamble.", on_the_day], signed) == signed
    assert last_signed_start(["This Agreement is effective as of May 1, 2021."], signed) is None


def test_renewals_each_year_and_by_a_verb_joined_to_the_term() -> None:
    # "each year" says when it renews, not what ("renew each policy" renews something else)
    yearly = (
        "This Agreement shall continue for an initial period of one (1) year and shall "
        "automatically renew each year on the anniversary of its effective date."
    )
    assert find_renewal(yearly) == "successive 1 year"
    assert find_renewal("This Agreement shall renew each policy of insurance.") is None
    # "and may be renewed": the verb shares the subject of the sentence's first
    joined = (
        "The term of this Agreement shall commence on the date first written above and shall "
        "continue for a period of twelve (12) months, and may be renewed by the Client for "
        "additional three (3) month periods upon written notice."
    )
    assert find_renewal(joined) == "successive 3 month"
    assert renewal_by_option(joined)


def test_a_renewal_by_a_defined_period_defined_without_a_verb() -> None:
    # an English definitions clause: the name, a colon, what it is
    english = (
        "Renewal Period: each successive period of twelve (12) months after the Initial Term. "
        "2.1 This Agreement shall commence on the Commencement Date and shall continue for the "
        "Initial Term and thereafter shall continue for successive Renewal Periods unless either "
        "party gives three months' notice."
    )
    assert find_renewal(english) == "successive 12 month"
    # a schedule's row, after an option whose clause set off by commas is long
    row = (
        "2.2 The Owner may, by notice given at least 3 months before the Expiry Date, extend this "
        "agreement for the Further Term. 3. Fees. SCHEDULE Item 3 Expiry Date 30 June 2024 Item 4 "
        "Further Term One period of 2 years Item 5 Fee $900 per month"
    )
    assert find_renewal(row) == "2 year"
    assert renewal_by_option(row)
    # a name followed by a sentence that states no length at once is no definition
    assert (
        find_renewal("This Agreement shall renew for the Further Term. Fees are due in 30 days.")
        is None
    )


def test_an_order_form_renews_as_the_agreement_it_is() -> None:
    text = (
        "This Order Form will automatically renew for successive 12-month periods unless either "
        "party gives notice of non-renewal at least thirty (30) days before the end of the term."
    )
    assert find_renewal(text) == "successive 12 month"


def test_a_deed_ends_as_an_agreement_does() -> None:
    text = "1. Term. This deed commences on the date of this deed and ends on 7 March 2025."
    found = find_expiration(text, "dmy", dt.date(2022, 3, 8))
    assert found is not None and found[0] == dt.date(2025, 3, 7)
    # another deed a sentence names is not this one
    other = "The Deed of Guarantee ends on 7 March 2025."
    assert find_expiration(other, "dmy", dt.date(2022, 3, 8)) is None


def test_a_term_ending_on_an_anniversary_of_a_defined_day_starts_that_day() -> None:
    text = (
        '1. Definitions. "Commencement Date" means 1 March 2020. 2. Term. This Agreement shall '
        "continue for an initial term ending on the fifth (5th) anniversary of the Commencement "
        "Date."
    )
    assert stated_start(text, "dmy") == dt.date(2020, 3, 1)
    # the agreement's own day, or a day no definition dates, gives no start of its own
    hereof = "This Agreement shall end on the fifth anniversary of the date hereof."
    assert stated_start(hereof, "dmy") is None
    launch = "The Term shall end on the third anniversary of the Launch Date."
    assert stated_start(launch, "dmy") is None


def test_a_term_that_ends_on_an_anniversary_in_the_present_tense() -> None:
    text = (
        "This Agreement is effective on the Effective Date and terminates on the third "
        "anniversary thereof."
    )
    term = find_term(text)
    assert term is not None and (term.value, term.own, term.fixed) == ("3 years", True, True)


def test_companies_defined_in_the_first_article_are_not_parties() -> None:
    # with no "NOW, THEREFORE", the operative part begins at "ARTICLE I"
    text = (
        "This Agreement is made and entered into as of March 1, 2020 by and between Tamarind Gas "
        'Transmission Company ("Transporter") and Osage Power Company ("Shipper"). ARTICLE I - '
        "DEFINITIONS 1.1 Maximum Daily Quantity shall be as defined in the General Terms and "
        'Conditions of Transporter\'s Tariff ("GT&C"). ARTICLE II - TRANSPORTATION 2.1 Transporter '
        'shall deliver gas at the interconnect with Red Fork Pipeline LLC ("RFP").'
    )
    parties = ["Tamarind Gas Transmission Company", "Osage Power Company"]
    assert find_contract_parties(text) == parties


def test_a_trade_after_a_company_name_is_no_name() -> None:
    # "X INC., Naturopath, having an office at": the word after the legal form's comma
    # describes the party; the initials run together ("N.D.") are part of its name
    text = (
        "BETWEEN: HARBOUR GREENS NUTRITION INC., a company having its registered office at 4 Pier "
        'Road, Nanaimo ("Harbour Greens") AND: DR. OWEN PRICE N.D. INC., Naturopath, having an '
        'office at 9 Bay Street, Victoria, B.C. ("Contractor")'
    )
    parties = ["HARBOUR GREENS NUTRITION INC.", "DR. OWEN PRICE N.D. INC."]
    assert find_contract_parties(text) == parties


@pytest.mark.parametrize(
    ("preamble", "parties"),
    [
        # a trustee acts for the trust: the person is the party named
        (
            "This Purchase Agreement is entered into between Kingfisher Holdings LLC "
            '("Buyer"), and Nora J. Whitley, as trustee of the Whitley Family Trust dated '
            'June 3, 2004 ("Seller").',
            ["Kingfisher Holdings LLC", "Nora J. Whitley"],
        ),
        # a former name in brackets is no part of the name
        (
            "This Supply Agreement is made between Brightstone Minerals Inc. (formerly Aster "
            'Quarry Inc.), a Nevada corporation ("Supplier"), and Dunmore Glass LLC ("Buyer").',
            ["Brightstone Minerals Inc.", "Dunmore Glass LLC"],
        ),
        # the company a party succeeds is not the party
        (
            "This Custody Agreement is made between Osprey Funds Trust, a Delaware statutory "
            'trust (the "Trust"), and Calder Trust Company, successor by merger to Elm Valley '
            'Trust Company ("Custodian").',
            ["Osprey Funds Trust", "Calder Trust Company"],
        ),
        # a company with the affiliates it names by their kind is that company
        (
            "This Master Purchase Agreement is entered into between Sutton Medical Center, Inc., "
            'together with its affiliated hospitals (collectively, "Sutton"), and Praxis Surgical '
            'Supply Corp. ("Supplier").',
            ["Sutton Medical Center, Inc.", "Praxis Surgical Supply Corp."],
        ),
    ],
)
def test_what_stands_between_a_party_s_name_and_its_defined_term(
    preamble: str, parties: list[str]
) -> None:
    assert find_contract_parties(preamble) == parties


def test_two_parties_named_alike_each_with_its_own_term_are_two() -> None:
    text = (
        "This Agreement is entered into by and among Larkspur Analytics, Inc., a Delaware "
        'corporation ("Larkspur US"), Larkspur Analytics Canada ULC, a British Columbia '
        'unlimited liability company ("Larkspur Canada"), and Juniper Retail Corp. ("Customer").'
    )
    parties = ["Larkspur Analytics, Inc.", "Larkspur Analytics Canada ULC", "Juniper Retail Corp."]
    assert find_contract_parties(text) == parties


def test_a_name_joined_by_del() -> None:
    text = (
        "This Agreement is entered into by and between Aceros del Bajio, S.A. de C.V., a Mexican "
        'corporation ("Supplier"), and Pelham Tool Works LLC ("Buyer").'
    )
    assert find_contract_parties(text) == [
        "Aceros del Bajio, S.A. de C.V.",
        "Pelham Tool Works LLC",
    ]


def test_a_renewal_on_a_day_of_each_year() -> None:
    text = (
        "This Agreement shall continue until December 31, 2021 and shall renew each January 1 "
        "for a further calendar year unless either party gives sixty (60) days' notice."
    )
    assert find_renewal(text) == "successive 1 year"


def test_an_agreement_that_runs_for_a_defined_period() -> None:
    text = (
        '1. Definitions. "Primary Period" means the period of five (5) years from 1 October 2020. '
        "2. Duration. This Agreement shall continue for the Primary Period."
    )
    assert defined_period(text) == (
        "5 years",
        "This Agreement shall continue for the Primary Period",
        True,
    )
    # from an event, its end is unknown
    event = text.replace("1 October 2020", "the first delivery of gas")
    found = defined_period(event)
    assert found is not None and found[2] is False
    # a period the agreement does not run for is not its term
    assert defined_period('"Warranty Period" means the period of 24 months.') is None


def test_a_numbered_heading_s_first_sentence_renews_what_it_heads() -> None:
    text = (
        "1. Supply. Seller shall supply valves. 2. Term. Two (2) years from the Effective Date, "
        "renewable annually thereafter unless either party gives notice of non-renewal. 3. Fees."
    )
    assert find_renewal(text) == "successive 1 year"
    # a sentence that ends with the defined Term is no heading
    after = "Fees are fixed during the Term. Licences are renewable annually at list price."
    assert find_renewal(after) is None


def test_a_term_of_years_and_months_is_their_sum() -> None:
    text = "This Agreement shall continue for an initial term of two (2) years and six (6) months."
    term = find_term(text)
    assert term is not None and term.value == "30 months"
    # months and days are not joined to years
    plain = "This Agreement shall continue for two (2) years and thirty (30) days thereafter."
    found = find_term(plain)
    assert found is not None and found.value == "2 years"
