"""Reporters for ``fcheck candidates``."""

from __future__ import annotations

from typing import TextIO

from fcheck.candidates import Candidates


def candidates_json(result: Candidates, stream: TextIO, uncovered: bool = False) -> None:
    from fcheck.safe import dumps_json

    stream.write(dumps_json(result.to_dict(uncovered)) + "\n")


def candidates_text(result: Candidates, stream: TextIO, uncovered: bool = False) -> None:
    from rich.text import Text

    from fcheck.reporters.console import data_text, make_console

    console = make_console(stream)
    for sentence in result.selected(uncovered):
        if sentence.covered_by:
            mark = Text("✓ covered by " + ", ".join(sentence.covered_by), style="green")
        elif sentence.candidate:
            mark = Text("✗ not covered", style="bold red")
        else:
            mark = Text("· not a candidate", style="dim")
        head = Text.assemble((f"#{sentence.index} ", "bold"), (f"line {sentence.line}  ", "dim"))
        head.append_text(mark)
        if sentence.speculative:
            head.append("  hint: speculative", style="magenta")
        console.print(head)
        console.print(Text.assemble("  ", data_text(sentence.text, inline=True)))
        for reason in sentence.reasons:
            found = ", ".join(reason.matches)
            console.print(
                Text.assemble(("    " + reason.rule + ": ", "cyan"), data_text(found, inline=True))
            )
    tally = result.summary()
    console.print(
        Text(
            f"{tally['sentences']} sentences, {tally['candidates']} candidates, "
            f"{tally['covered']} covered by claims, "
            f"{tally['uncovered_candidates']} candidates not covered",
            style="bold",
        )
    )
