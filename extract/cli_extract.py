"""`figures extract`: documents in, figure rows out (JSON lines, CSV or Parquet).

A thin shell over `extract.readers` and `extract.pipeline`: it streams documents, writes each
document's figures as soon as they exist, reports each bad input on standard error and keeps
going, and only replaces an output file once the run has produced something to put there.
"""

from __future__ import annotations

import abc
import contextlib
import datetime as dt
import enum
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from extract.schema import Figure

EXIT_OK = 0
EXIT_INPUT_FAILED = 1
EXIT_USAGE = 2


class OutputFormat(enum.StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


HELP = "\n\n".join(
    (
        "Extract every economic figure from documents, as tidy cited rows.",
        "INPUT is a file, a folder (read recursively) or - for standard input. Readable files: "
        ".txt and .md (UTF-8 text; a NAME.meta.json sidecar beside NAME.txt gives title, url, "
        "published), .html and .htm (article text by trafilatura, title and date from the page), "
        '.jsonl or .ndjson (one document a line: {"id", "text", "title", "url", "published"}) '
        "and Reuters-21578 .sgm files.",
        "Output is one figure a row with the columns of docs/figures.md, in that order: JSON "
        "lines on standard output by default. A bad input is reported as 'error: INPUT: reason' "
        "on standard error and the others are still read.",
        "Exit status: 0 all inputs read, 1 some input failed, 2 usage error.",
    )
)

EPILOG = """Examples:

  figures extract seeds/000_ae976960708b5109.txt

  figures extract news/ --published 2023-11-08 -o figures.jsonl

  figures extract articles.jsonl page.html --format csv -o figures.csv

  figures extract reut2-000.sgm --format parquet -o reuters.parquet

  cat story.txt | figures extract - --published 2024-01-31
"""


def _published_option(value: str | None) -> dt.date | None:
    if value is None:
        return None
    from extract.readers import parse_published

    try:
        return parse_published(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--published") from exc


def extract_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Files, folders, or - for standard input.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option(
            "--published",
            metavar="YYYY-MM-DD",
            help="Publication date for documents that carry none of their own (a sidecar, "
            "JSON record or page date wins). Relative periods like 'last year' resolve "
            "against it.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat,
        typer.Option("--format", "-f", help="Output format.", case_sensitive=False),
    ] = OutputFormat.jsonl,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="Write here instead of standard output (required for parquet). The file is "
            "replaced only when the run has read at least one document.",
            show_default=False,
            dir_okay=False,
        ),
    ] = None,
    progress: Annotated[
        bool,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar on standard error (shown only on a terminal, for long runs).",
        ),
    ] = True,
) -> None:
    date = _published_option(published)
    to_stdout = output is None or str(output) == "-"
    if output_format is OutputFormat.parquet and to_stdout:
        raise typer.BadParameter(
            "parquet is a binary format: give an output file with -o PATH", param_hint="--format"
        )
    if not to_stdout and output is not None and not output.parent.is_dir():
        raise typer.BadParameter(f"folder {str(output.parent)!r} does not exist", param_hint="-o")
    status = run_extract(
        inputs,
        published=date,
        output_format=output_format,
        output=None if to_stdout else output,
        progress=progress,
    )
    raise typer.Exit(status)


def run_extract(
    inputs: list[str],
    *,
    published: dt.date | None = None,
    output_format: OutputFormat = OutputFormat.jsonl,
    output: Path | None = None,
    progress: bool = True,
    progress_delay: float = 1.0,
) -> int:
    """The command's work, returning its exit status. The progress bar shows only on a terminal
    and only once the run has lasted `progress_delay` seconds, i.e. when there are many
    documents; a short run stays quiet."""
    from tqdm import tqdm

    from extract.pipeline import extract_document
    from extract.readers import ReadError, iter_documents

    err = sys.stderr
    bar = tqdm(
        unit="doc",
        file=err,
        disable=not (progress and err.isatty()),
        delay=progress_delay,
        dynamic_ncols=True,
        leave=False,
    )
    sink = _sink_for(output_format, output, [str(i) for i in inputs])
    failed = docs = extracted = figures = 0
    try:
        for result in iter_documents(inputs, published=published):
            if isinstance(result, ReadError):
                failed += 1
                _report(f"error: {result}", bar)
                continue
            docs += 1
            bar.update()
            try:
                found = extract_document(result)
                payload = sink.render(found)
            except Exception as exc:  # an extractor bug on one document must not stop the run
                failed += 1
                _report(
                    f"error: {result.source}: extraction failed ({type(exc).__name__}: {exc})", bar
                )
                continue
            sink.write(payload)  # output errors (closed pipe, full disk) end the run
            figures += len(found)
            extracted += 1
        if extracted:
            sink.close()
        else:
            sink.discard()
    except BrokenPipeError:
        # The reader of standard output went away (`| head`): stop quietly.
        sink.discard()
        _silence_stdout()
        bar.close()
        return EXIT_OK
    except OSError as exc:
        sink.discard()
        bar.close()
        where = output if output is not None else "standard output"
        print(f"error: {where}: cannot write ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_INPUT_FAILED
    except BaseException:
        sink.discard()
        raise
    finally:
        bar.close()
    _summary(docs, figures, failed, output, written=bool(extracted))
    return EXIT_INPUT_FAILED if failed else EXIT_OK


def _report(message: str, bar: Any) -> None:
    if bar.disable:
        print(message, file=sys.stderr, flush=True)
    else:
        bar.write(message, file=sys.stderr)


def _summary(docs: int, figures: int, failed: int, output: Path | None, *, written: bool) -> None:
    plural = "" if docs == 1 else "s"
    line = f"{figures} figure{'' if figures == 1 else 's'} from {docs} document{plural}"
    if failed:
        line += f"; {failed} input{'' if failed == 1 else 's'} failed"
    if output is not None:
        line += f"; wrote {output}" if written else f"; {output} left unchanged"
    print(line, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


# --- sinks --------------------------------------------------------------------------------------


class _Target:
    """Standard output, or a temporary file beside `output` that replaces it on close, so a
    failed or empty run leaves an existing output file as it was."""

    def __init__(self, output: Path | None) -> None:
        self.output = output
        self._tmp: Path | None = None
        self._fh: IO[bytes] | None = None

    def open(self) -> IO[bytes]:
        if self._fh is None:
            if self.output is None:
                self._fh = typer.get_binary_stream("stdout")
            else:
                fd, name = tempfile.mkstemp(
                    prefix=f".{self.output.name}.", suffix=".part", dir=self.output.parent
                )
                self._tmp = Path(name)
                self._fh = os.fdopen(fd, "wb")
        return self._fh

    def close(self) -> None:
        if self._fh is not None:
            self._fh.flush()
            if self._tmp is not None:
                self._fh.close()
                os.replace(self._tmp, self.output)  # type: ignore[arg-type]
                self._tmp = None
            self._fh = None

    def discard(self) -> None:
        if self._tmp is not None:
            with contextlib.suppress(OSError):
                if self._fh is not None:
                    self._fh.close()
                self._tmp.unlink()
            self._tmp = None
        self._fh = None


class _Sink(abc.ABC):
    """Where one output format's rows go, one document's figures at a time: `render` turns them
    into the format (a bad value fails that document only), `write` sends them out."""

    def __init__(self, target: _Target) -> None:
        self.target = target

    @abc.abstractmethod
    def render(self, figures: list[Figure]) -> Any: ...

    def write(self, payload: bytes) -> None:
        fh = self.target.open()
        if payload:
            fh.write(payload)
            fh.flush()

    def close(self) -> None:
        self.target.close()

    def discard(self) -> None:
        self.target.discard()


class _JsonLinesSink(_Sink):
    """One figure a line, written document by document as extraction goes."""

    def render(self, figures: list[Figure]) -> bytes:
        lines = (json.dumps(f.to_json_row(), ensure_ascii=False, allow_nan=False) for f in figures)
        return "".join(line + "\n" for line in lines).encode("utf-8")


class _CsvSink(_Sink):
    """CSV exactly as `figures export` writes it (`extract.export.to_csv_bytes`: UTF-8, CRLF,
    formulas neutralised), streamed document by document with the header once."""

    def __init__(self, target: _Target) -> None:
        super().__init__(target)
        self._header = False

    def render(self, figures: list[Figure]) -> bytes:
        from extract.export import to_csv_bytes
        from extract.schema import to_frame

        data = to_csv_bytes(to_frame(figures))
        return data.split(b"\r\n", 1)[1]  # the header is written once, by `write`

    def write(self, payload: bytes) -> None:
        if not self._header:
            from extract.export import to_csv_bytes
            from extract.schema import empty_frame

            self._header = True
            payload = to_csv_bytes(empty_frame()) + payload
        super().write(payload)


class _ParquetSink(_Sink):
    """Parquet as `figures export` writes it (typed columns, dates as date32), with the
    extraction version and inputs in its metadata. Written whole at the end, so the figures
    are held until then."""

    def __init__(self, target: _Target, inputs: list[str]) -> None:
        super().__init__(target)
        self._figures: list[Figure] = []
        self._inputs = inputs

    def render(self, figures: list[Figure]) -> list[Figure]:
        return figures

    def write(self, payload: list[Figure]) -> None:  # type: ignore[override]
        self._figures.extend(payload)

    def close(self) -> None:
        from extract.export import to_parquet_bytes
        from extract.pipeline import EXTRACTION_VERSION
        from extract.schema import to_frame

        metadata = {
            "figures.extraction_version": EXTRACTION_VERSION,
            "figures.extracted_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "figures.inputs": json.dumps(self._inputs, ensure_ascii=False),
        }
        self.target.open().write(to_parquet_bytes(to_frame(self._figures), metadata=metadata))
        self.target.close()


def _sink_for(output_format: OutputFormat, output: Path | None, inputs: list[str]) -> _Sink:
    target = _Target(output)
    if output_format is OutputFormat.parquet:
        return _ParquetSink(target, inputs)
    if output_format is OutputFormat.csv:
        return _CsvSink(target)
    return _JsonLinesSink(target)


def register(app: typer.Typer) -> None:
    """Add `figures extract` to the app."""
    app.command(
        "extract",
        help=HELP,
        epilog=EPILOG,
        no_args_is_help=True,
    )(extract_command)
