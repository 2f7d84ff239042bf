"""Harm named in free text, in the words parents, schools and police use (not the words the table
was written from): each must raise a prompt on the case; everyday notes must not."""

from __future__ import annotations

import pytest

from tests.rules.builders import case, run

NAMES_HARM = [
    "Ann says Bob gave Cat a good hiding with his belt for answering back.",
    "Cat told her teacher that daddy put his hands round her neck.",
    "School report Cat came in with a bruise on her arm and would not say how she got it.",
    "Nursery noticed a burn on the back of Cat's hand, the shape of a cigarette.",
    "Mum says Bob locks Cat in her room for hours when she cries.",
    "Cat said Lee touches her private parts when they play the tickling game.",
    "Bob's new partner sends Cat videos that are not appropriate for a child, with naked people in them.",
    "The flat was filthy, no food in the fridge, and Cat had been left on her own overnight.",
    "Ann admits she drinks two bottles of wine a night and sometimes passes out on the sofa with Cat there.",
    "Police attended in May after a neighbour heard screaming; Bob was arrested for assault on Ann.",
    "Ann has a non-mol against Bob until next March.",
    "Bob has been controlling about money and who Ann sees, and checks her phone every night.",
    "Cat has been self-harming, cutting her arms, since the separation.",
    "Bob threatened to take Cat to Pakistan and not bring her back.",
    "Ann said Bob strangled her in 2022 and she lost consciousness.",
    "Cat is terrified of her father and hides when his car pulls up.",
    "Ann disclosed she was raped by Bob during the marriage.",
    "The social worker said Cat is on a CP plan under the category of neglect.",
    "Bob kicked the door in and smashed the TV in front of the kids.",
    "Cat has a black eye which she says happened at dad's.",
]
EVERYDAY = [
    "Ann rang to move the call to Thursday at 2pm; she works mornings.",
    "Bob pays maintenance each month and collects Cat from school on Fridays.",
    "Cat is doing well at school and loves swimming and drama club.",
    "Both parents agree Cat should spend Christmas Day with her mother this year.",
    "Left a voicemail for Bob; will try again tomorrow.",
    "Ann asked whether the hearing can be moved because of her hospital appointment.",
    "Bob's solicitor emailed the position statement.",
    "Cat's grandmother helps with the school run three days a week.",
]


def _prompted(text: str) -> bool:
    c = case(events=[{"at": "2025-06-13T12:05:00+01:00", "kind": "phone_call", "with": "p1", "text": text}])
    s = run(c)
    return bool(s.harm_text or s.language)


@pytest.mark.parametrize("text", NAMES_HARM)
def test_harm_in_ordinary_words_is_prompted(text: str) -> None:
    """¶2.19: a police check where harm is raised 'via the harm tick box or any other information'."""
    assert _prompted(text), text


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_notes_are_not_prompted(text: str) -> None:
    assert not _prompted(text), text
