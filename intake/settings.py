"""Settings: one typed object, read once, passed down explicitly.

Every setting comes from an ``INTAKE_<NAME>`` environment variable, from an optional TOML
file (``intake.toml`` in the working directory, or the file named by ``INTAKE_CONFIG``), or
from its default, in that order of precedence. The field name is the variable name without
the ``INTAKE_`` prefix, lower-cased. This is the only module that reads ``os.environ``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

__all__ = ["DOC_TYPE_FOLDERS", "Settings", "load_settings"]

#: Drop folders under ``watch_dir`` whose name hints at a document type; ``inbox`` has no hint.
DOC_TYPE_FOLDERS: dict[str, str | None] = {
    "inbox": None,
    "invoices": "invoice",
    "purchase_orders": "purchase_order",
    "order_confirmations": "order_confirmation",
    "estimates": "estimate",
    "contracts": "contract",
}


def _split_list(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return value


class Settings(BaseSettings):
    """Every setting of the service. The README's settings table is checked against this."""

    model_config = SettingsConfigDict(
        env_prefix="INTAKE_", extra="ignore", frozen=True, validate_default=True
    )

    data_dir: Path = Field(
        Path("data"), description="Database, search index, archive, quarantine and duplicates."
    )
    watch_dir: Path = Field(Path("watch_folders"), description="Root of the drop folders.")
    index_dir: Path = Field(
        Path(),
        description=(
            "This process's search index; empty means <data_dir>/index. Keep it on a local"
            " disk, one per machine that serves search (never on a shared folder)."
        ),
    )
    broker_url: str = Field(
        "",
        description=(
            "Celery broker (redis://... or amqp://...): files are read and filed by"
            " `intake worker` processes; empty means in-process workers."
        ),
    )
    queue_visibility_timeout: float = Field(
        100.0,
        ge=5,
        description=(
            "Seconds after which the task of a worker that vanished is delivered again"
            " (Redis); a file's time on a worker is capped below it."
        ),
    )
    database_url: str = Field(
        "", description="SQLAlchemy URL; empty means sqlite:///<data_dir>/intake.db."
    )
    db_busy_timeout: float = Field(
        30.0,
        gt=0,
        description=(
            "Seconds a SQLite write waits for another connection's lock; past it the file"
            " is retried later (never quarantined)."
        ),
    )
    settle_seconds: float = Field(
        2.0, ge=0, description="A dropped file is taken once its size and mtime held this long."
    )
    rescan_seconds: float = Field(
        60.0, gt=0, description="Period of the safety rescan of all drop folders."
    )
    polling: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description=(
            "Drop folders (relative to watch_dir, comma-separated) watched by polling instead"
            " of inotify, for network shares; '*' polls all."
        ),
    )
    poll_interval: float = Field(1.0, gt=0, description="Seconds between polls of a polled folder.")
    workers: int = Field(0, ge=0, description="Worker processes; 0 means one per CPU core.")
    max_attempts: int = Field(
        3, ge=1, description="A file whose processing crashed this often is quarantined."
    )
    file_timeout: float = Field(
        300.0, gt=0, description="Wall-clock limit in seconds for reading one file."
    )
    max_file_mb: int = Field(200, gt=0, description="Larger files are quarantined unread.")
    max_pages: int = Field(500, gt=0, description="PDFs with more pages are quarantined.")
    max_pixels: int = Field(
        80_000_000, gt=0, description="Images (and rendered pages) with more pixels are refused."
    )
    memory_limit_mb: int = Field(
        2048, ge=0, description="Address-space limit of a worker process; 0 disables it."
    )
    text_reader: Literal["pdfium", "pdfplumber"] = Field(
        "pdfium",
        description=(
            "What reads the words of a PDF's text layer: pdfium (about 10x faster) or"
            " pdfplumber (pdfminer.six); both give the same words (see README, Reading)."
        ),
    )
    ocr_lang: str = Field("eng", description="Tesseract language(s), e.g. 'eng+deu'.")
    ocr_auto_language: bool = Field(
        True,
        description=(
            "Read a scan again with its own language's model (German, French, Spanish,"
            " Italian, Dutch, Portuguese, Polish) when its first reading's words are that"
            " language's and the model is installed: names keep their accents."
        ),
    )
    ocr_dpi: int = Field(
        300,
        ge=72,
        le=600,
        description=(
            "Resolution at which PDF pages are OCRed (see benchmarks.ocr_recall: 200 dpi is"
            " about 15% faster and read as many labelled values, but lost more small print)."
        ),
    )
    ocr_processes: int = Field(
        0,
        ge=0,
        description=(
            "Tesseract processes running at once across all workers (pages of one file are"
            " read in parallel); 0 means one per CPU core."
        ),
    )
    ocr_page_timeout: float = Field(
        120.0, gt=0, description="Wall-clock limit in seconds for the OCR of one page."
    )
    host: str = Field("127.0.0.1", description="Address the web UI listens on.")
    port: int = Field(8000, ge=0, le=65535, description="Port the web UI listens on.")
    secret_key: str = Field(
        "", description="Flask secret key; empty means one generated into <data_dir>/secret_key."
    )
    secure_cookies: bool = Field(
        False, description="Mark cookies Secure (set when served over HTTPS)."
    )
    review_confidence: float = Field(
        0.6,
        ge=0,
        le=1,
        description="Documents whose type or a field was read with less confidence are reviewed.",
    )
    match_threshold: float = Field(
        0.80,
        ge=0,
        le=1,
        description=(
            "A line is linked to the product whose name it resembles only when the fuzzy"
            " score reaches this (exact SKU, alias and remembered matches score 1)."
        ),
    )
    match_review_below: float = Field(
        0.90,
        ge=0,
        le=1,
        description="Fuzzy links scoring below this are listed for review until confirmed.",
    )
    price_tolerance: float = Field(
        0.01,
        ge=0,
        description=(
            "Invoice unit prices (and amounts) may exceed the order's by this fraction"
            " (0.01 = 1 %) and still match."
        ),
    )
    quantity_tolerance: float = Field(
        0.0,
        ge=0,
        description=(
            "Invoiced quantities may exceed what is still open on the order by this fraction"
            " and still match."
        ),
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO",
        description=(
            "Logging level of the service (`intake run`); other commands log warnings only"
            " unless given -v (INFO) or -vv (DEBUG)."
        ),
    )
    export_date_order: Literal["", "dmy", "mdy"] = Field(
        "",
        description=(
            "Day/month order of dates in Xero and QuickBooks Online exports; empty means each"
            " target's usual one (Xero dmy, QuickBooks mdy)."
        ),
    )
    export_ap_account: str = Field(
        "Accounts Payable", description="The payables account of QuickBooks Desktop (IIF) bills."
    )
    export_tax_account: str = Field(
        "",
        description=(
            "Account for the tax line of IIF bills; empty books tax to the document's account."
        ),
    )
    templates_dir: Path | None = Field(
        None,
        description=(
            "Folder of vendor templates in invoice2data's YAML format; a matching template"
            " wins for the fields it defines. Empty means none."
        ),
    )
    vocab_dir: Path | None = Field(
        None,
        description=(
            "Folder of vocabulary packs (*.toml: label words, titles, legal forms, months of"
            " a language or trade) added to the shipped ones. Empty means none."
        ),
    )
    vocab_genres: str = Field(
        "broadcast,receipts",
        description="The shipped genre vocabulary packs to load, comma-separated.",
    )
    vocab_languages: str = Field(
        "",
        description=(
            "The shipped language packs to load, comma-separated (en,de,fr); empty loads"
            " every one. Each pack's labels are searched on every page: fewer read faster."
        ),
    )
    company_name: str = Field(
        "", description="Our legal name, the buyer on UBL e-invoices (else the document's buyer)."
    )
    company_aliases: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description=(
            "Other names of our company (comma-separated): a purchase order issued under"
            " one of them, or under company_name, is filed under the supplier it is addressed to."
        ),
    )
    company_vat_ids: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Our VAT ids (comma-separated): beside a party's name they mark it as us.",
    )
    base_currency: str = Field(
        "EUR",
        pattern=r"^[A-Z]{3}$",
        description=(
            "The currency that the rates of a plain date,currency,rate file are quoted"
            " against (units of the currency per one unit of this one)."
        ),
    )
    company_country: str = Field("", description="Our ISO 3166 country code, for UBL e-invoices.")
    company_endpoint: str = Field(
        "", description="Our Peppol endpoint as scheme:id (e.g. 0088:5790000435975), for UBL."
    )
    company_street: str = Field("", description="Our street and number, for UBL e-invoices.")
    company_city: str = Field("", description="Our city, for UBL e-invoices.")
    company_postcode: str = Field("", description="Our post code, for UBL e-invoices.")
    crash_at: str = Field(
        "",
        description=(
            "Fault injection for tests: kill the process at this pipeline step (or, with"
            " 'stall', make a fresh queue worker stop taking tasks after its first)."
        ),
    )

    @model_validator(mode="before")
    @classmethod
    def _default_index_dir(cls, values: Any) -> Any:
        if isinstance(values, dict) and not str(values.get("index_dir") or "").strip():
            values = {**values, "index_dir": Path(values.get("data_dir") or "data") / "index"}
        return values

    @field_validator("data_dir", "watch_dir", "index_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().absolute()

    @field_validator("templates_dir", "vocab_dir", mode="before")
    @classmethod
    def _optional_dir(cls, value: Any) -> Any:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return Path(value).expanduser().absolute()

    @field_validator("polling", "company_aliases", "company_vat_ids", mode="before")
    @classmethod
    def _parse_polling(cls, value: Any) -> Any:
        return _split_list(value)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = Path(os.environ.get("INTAKE_CONFIG", "intake.toml"))
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file))

    # Derived locations: one place decides where things live under data_dir.
    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'intake.db'}"

    @property
    def archive_dir(self) -> Path:
        return self.data_dir / "archive"

    @property
    def processing_dir(self) -> Path:
        return self.data_dir / "processing"

    @property
    def quarantine_dir(self) -> Path:
        return self.data_dir / "quarantine"

    @property
    def duplicates_dir(self) -> Path:
        return self.data_dir / "duplicates"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"

    @property
    def locks_dir(self) -> Path:
        return self.data_dir / "locks"

    @property
    def worker_count(self) -> int:
        return self.workers or os.cpu_count() or 1

    def polled(self, folder: str) -> bool:
        """Whether the drop folder ``folder`` (relative to watch_dir) is watched by polling."""
        return "*" in self.polling or folder in self.polling

    def ensure_dirs(self) -> None:
        for path in (
            self.data_dir,
            self.archive_dir,
            self.processing_dir,
            self.quarantine_dir,
            self.duplicates_dir,
            self.cache_dir,
            self.locks_dir,
        ):
            path.mkdir(parents=True, exist_ok=True)
        for name in DOC_TYPE_FOLDERS:
            (self.watch_dir / name).mkdir(parents=True, exist_ok=True)


def load_settings(**overrides: Any) -> Settings:
    """Read the settings once: environment, then ``intake.toml``, then defaults."""
    return Settings(**overrides)
