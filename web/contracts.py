"""Contracts: their current end and last day to give notice, deadlines first."""

from __future__ import annotations

import datetime as dt

from flask import Blueprint, render_template, request

from intake.filing.contract_dates import list_contracts, upcoming
from web.params import int_arg
from web.state import get_session

bp = Blueprint("contracts", __name__, url_prefix="/contracts")


@bp.route("")
def index() -> str:
    days = int_arg(request.args, "days", 90, most=3650)
    today = dt.date.today()
    session = get_session()
    return render_template(
        "contracts/index.html",
        deadlines=upcoming(session, today, days),
        contracts=list_contracts(session, today),
        days=days,
        today=today,
    )
