"""Market signals API: extract from uploaded notices, keep documents, the timeline, a signal as a shock."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Path, Query, UploadFile
from pydantic import BaseModel

from reechain.api.deps import ContainerDep, CurrentUser
from reechain.services import signals as svc

router = APIRouter(prefix="/api/signals", tags=["signals"])
SignalDocument = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="the document's sha256")]
SignalIndex = Annotated[int, Path(ge=0, le=1000, description="the signal's position in the document")]
"""A stored signal in a path (``/{document}/{index}/...``), for the API's and the web pages' routes."""
MAX_FILES = 200


class SignalOut(BaseModel):
    file: str
    announced: str | None
    effective: str | None
    issuer: str
    doc_ref: str
    elements: list[str]
    segment: str
    measure: str
    direction: int
    evidence: str
    until: str | None
    suspends: list[str]
    year_assumed: bool = False


class DocumentOut(BaseModel):
    file: str
    sha256: str
    signals: int
    error: str | None


class ExtractOut(BaseModel):
    signals: list[SignalOut]
    documents: list[DocumentOut]


class IngestOut(BaseModel):
    stored: int
    already_known: int
    signals: int


class TimelineSignalOut(SignalOut):
    document: str
    index: int
    title: str
    url: str
    publisher: str


class ShockOut(BaseModel):
    shock: dict[str, Any] | None
    note: str


async def _read(files: list[UploadFile]) -> list[tuple[str, bytes]]:
    return [(f.filename or "upload.txt", await f.read(svc.MAX_FILE_BYTES + 1)) for f in files[:MAX_FILES]]


@router.post("/extract", response_model=ExtractOut, summary="Signals of uploaded notices (nothing stored)")
async def extract(
    _: CurrentUser,
    files: Annotated[list[UploadFile], File()],
    reader: Annotated[str, Query(pattern=r"^(rules|trained)$")] = "rules",
) -> ExtractOut:
    return ExtractOut.model_validate(svc.extract_json(svc.read_files(await _read(files), reader)))


@router.post("/documents", response_model=IngestOut, summary="Keep notices for the timeline (all or nothing)")
async def ingest(
    c: ContainerDep, user: CurrentUser, files: Annotated[list[UploadFile], File()]
) -> svc.IngestReport:
    return svc.ingest(c, await _read(files), user=user)


@router.get("", response_model=list[TimelineSignalOut], summary="The timeline of stored signals")
def timeline(
    c: ContainerDep,
    user: CurrentUser,
    element: Annotated[str | None, Query(max_length=3, pattern=r"^[A-Z][a-z]?$")] = None,
    segment: Annotated[str | None, Query(max_length=20, pattern=r"^[a-z]+$")] = None,
) -> list[TimelineSignalOut]:
    return [
        TimelineSignalOut.model_validate(
            {
                **e.signal.as_json(),
                "document": e.document,
                "index": e.index,
                "title": e.title,
                "url": e.url,
                "publisher": e.publisher,
            }
        )
        for e in svc.timeline(c, user=user, element=element, segment=segment)
    ]


class ScenarioRunOut(BaseModel):
    run_id: int
    run_url: str


@router.post(
    "/{document}/{index}/run",
    response_model=ScenarioRunOut,
    status_code=202,
    summary="Start a market scenario from a signal (its shock and its notice)",
)
def run_scenario(
    document: SignalDocument,
    index: SignalIndex,
    c: ContainerDep,
    user: CurrentUser,
) -> ScenarioRunOut:
    run_id = svc.run_scenario(c, document, index, user=user)
    return ScenarioRunOut(run_id=run_id, run_url=f"/api/market/scenarios/{run_id}")


@router.get("/{document}/{index}/shock", response_model=ShockOut, summary="A signal as a scenario shock")
def shock(
    document: SignalDocument,
    index: SignalIndex,
    c: ContainerDep,
    user: CurrentUser,
) -> ShockOut:
    found, note = svc.shock(c, document, index, user=user)
    return ShockOut(shock=found, note=note)
