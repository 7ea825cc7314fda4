"""An audit head noted outside the database detects removed records, even the whole stream and its head."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, update
from typer.testing import CliRunner

from reechain.bootstrap import Container
from reechain.cli import app as cli_app
from reechain.domain.errors import InvalidInput
from reechain.services import audit
from reechain.store.tables.compliance import AuditHeadRow, AuditRow


def _append(c: Container, n: int) -> None:
    for i in range(n):
        with c.uow() as uow:
            audit.append(uow, actor="alice", action="test", payload={"i": i})
            uow.commit()


def _wipe(c: Container) -> None:
    with c.uow() as uow:
        uow.session.execute(delete(AuditRow))
        uow.session.execute(delete(AuditHeadRow))
        uow.commit()


def test_a_noted_head_survives_appends_and_catches_a_wiped_stream(container: Container) -> None:
    _append(container, 3)
    noted = audit.head(container)
    assert (noted.stream, noted.seq) == ("compliance", 3) and len(noted.hash) == 64
    _append(container, 2)  # the trail grows after the auditor noted it: still fine
    assert audit.verify(container, expect=audit.AuditHead.parse(str(noted))).ok
    _wipe(container)
    assert audit.verify(container).ok  # the chain alone cannot tell: an empty stream is a valid chain
    v = audit.verify(container, expect=noted)
    assert not v.ok and v.first_broken_seq == 3 and "removed" in v.problem


def test_a_rewritten_stream_does_not_match_the_noted_head(container: Container) -> None:
    _append(container, 2)
    noted = audit.head(container)
    _wipe(container)
    _append(container, 3)  # a new, self-consistent chain written in its place
    assert audit.verify(container).ok
    v = audit.verify(container, expect=noted)
    assert not v.ok and "rewritten" in v.problem


def test_a_cut_tail_is_caught(container: Container) -> None:
    _append(container, 4)
    noted = audit.head(container)
    with container.uow() as uow:
        uow.session.execute(delete(AuditRow).where(AuditRow.seq >= 3))
        uow.session.execute(update(AuditHeadRow).values(seq=2, hash=audit.records(container)[1].hash))
        uow.commit()
    assert audit.verify(container).ok
    assert not audit.verify(container, expect=noted).ok


@pytest.mark.parametrize("text", ["", "compliance:3", "compliance:x:" + "a" * 64, "compliance:3:" + "z" * 64])
def test_a_malformed_head_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput):
        audit.AuditHead.parse(text)


def test_cli_head_and_verify_expect(
    sqlite_file_container: Container, monkeypatch: pytest.MonkeyPatch
) -> None:
    c = sqlite_file_container
    monkeypatch.setenv("REECHAIN_DATABASE_URL", c.settings.database_url)
    _append(c, 2)
    runner = CliRunner()
    printed = runner.invoke(cli_app, ["audit", "head"])
    assert printed.exit_code == 0
    noted = printed.output.strip()
    assert noted == str(audit.head(c))
    ok = runner.invoke(cli_app, ["audit", "verify", "--expect", noted])
    assert ok.exit_code == 0 and "ok: 2 records" in ok.output
    _wipe(c)
    broken = runner.invoke(cli_app, ["audit", "verify", "--expect", noted])
    assert broken.exit_code == 5 and "removed" in broken.output
    warned = runner.invoke(cli_app, ["audit", "verify"])
    assert warned.exit_code == 0 and "without --expect" in warned.output
