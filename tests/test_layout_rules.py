"""The layout rules of `layout_rules` checked on the corpus of campaigns in tests/corpus.

The default run checks a fixed sample: every corpus campaign once, in its first language, with
each material on A4 (placards on A3), plus the three riskiest combinations (`RISKIEST`). The full
sweep (every material, paper and language of every campaign) is marked `slow` and runs only with
CAMPAIGNKIT_SLOW=1; it fails wherever the layout breaks a rule, as a list of what is left to fix.

Rules the layout breaks today are listed, with what was measured, in `EXPECTED_FAILURES`: they are
strict xfails, so the suite stays green now and turns red (XPASS) the day the layout keeps the
rule. Then delete the entry.
"""

from __future__ import annotations

import os

import pytest

import layout_rules as rules
from layout_rules import Case

SLOW = os.environ.get("CAMPAIGNKIT_SLOW") == "1"

# Per campaign, in its first language: each material once, on A4 (placards on A3).
SAMPLE_MATERIALS = (("leaflet", "A4"), ("factsheet", "A4"), ("signup", "A4"), ("placard", "A3"), ("cards", "png"))
RISKIEST = (
    Case("german-compounds", "leaflet-two-up", "A4", "de"),  # a 37-letter word in A5 columns, two to a sheet
    Case("thirty-demands-housing", "leaflet", "A5", "en"),  # the most text on the smallest paper
    Case("kazakhstan-2022", "placard-tiled", "A2-on-A4", "ru"),  # Russian slogan breaks, tiles and their labels
)
PRISONERS = "Свободу всем политзаключённым!"
PRISONERS_CAMPAIGNS = ("kazakhstan-2022", "russian-only-prisoners")
MIN_PRISONERS_CAP_MM = 30.0

# (rule, campaign, material, paper, language): what fails today, measured.
EXPECTED_FAILURES: dict[tuple[str, str, str, str, str], str] = {
}


def sample() -> list[Case]:
    cases = [Case(name, material, paper, campaign.languages()[0])
             for name, campaign in rules.corpus().items() for material, paper in SAMPLE_MATERIALS]
    return cases + [case for case in RISKIEST if case not in cases]


SAMPLED = frozenset(sample())


def _params(cases: list[Case]) -> list:
    params = []
    for case in cases:
        for rule, applies in rules.APPLIES.items():
            if not applies(case):
                continue
            reason = EXPECTED_FAILURES.get((rule, *case.key))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(rule, case, id=f"{rule}-{case.id}", marks=marks))
    return params


@pytest.mark.parametrize(("rule", "case"), _params(sample()))
def test_layout_rule(rule: str, case: Case):
    found = rules.check(rule, case)
    assert not found, f"{rule} on {case.id}:\n" + "\n".join(found)


def _sweep() -> list:
    """Every check of every case outside the sample; one skipped placeholder unless CAMPAIGNKIT_SLOW=1."""
    if not SLOW:
        return [pytest.param("", None, id="sweep", marks=pytest.mark.skip(reason="the sweep runs with CAMPAIGNKIT_SLOW=1"))]
    return _params([case for case in rules.all_cases() if case not in SAMPLED])


@pytest.mark.slow
@pytest.mark.parametrize(("rule", "case"), _sweep())
def test_layout_rule_sweep(rule: str, case: Case):
    found = rules.check(rule, case)
    assert not found, f"{rule} on {case.id}:\n" + "\n".join(found)


def test_expected_failures_name_corpus_checks():
    """Every expected failure names a rule that applies to a case of the corpus (of the sample, or of the
    sweep)."""
    checks = {(rule, *case.key) for case in rules.all_cases() for rule, applies in rules.APPLIES.items()
              if applies(case)}
    checks |= {("placard_capitals", name, "placard", "A3", "ru") for name in PRISONERS_CAMPAIGNS}
    assert not set(EXPECTED_FAILURES) - checks, sorted(set(EXPECTED_FAILURES) - checks)


def test_corpus_covers_the_brief():
    """The corpus keeps the campaigns it was made for."""
    corpus = rules.corpus()
    demands = {name: sum(len(st.demands) for st in c.statements) for name, c in corpus.items()}
    assert demands["one-demand-library"] == 1 and not corpus["one-demand-library"].events
    assert demands["three-demands-logo"] == 3 and corpus["three-demands-logo"].logo
    assert demands["thirty-demands-housing"] == 30 and len(corpus["thirty-demands-housing"].statements) == 4
    assert len(corpus["long-title-allotments"].title.original) == 120
    assert corpus["german-compounds"].language == "de"
    assert "Tarifvertragsverhandlungsgemeinschaft" in rules.sources()["german-compounds"]
    assert all(word in rules.sources()["russian-long-words"] for word in ("высокопрофессиональный",
                                                                           "достопримечательностей"))
    assert corpus["russian-only-prisoners"].languages() == ("ru",)
    upcoming = [e for e in corpus["several-events-drivers"].events if e.date and e.date >= rules.TODAY]
    assert len(corpus["several-events-drivers"].events) >= 3 and len(upcoming) == 1
    assert {"init-template", "kazakhstan-2022", "harbour-cleaners-strike"} <= set(corpus)
    assert corpus["arabic-dockers"].languages() == ("ar",)  # right to left, letters joined
    assert corpus["bengali-cleaners"].languages() == ("bn",)  # conjuncts, vowel signs above and below


def test_placard_capital_heights_as_printed():
    """The capital height each placard reports (cap_height_mm) is the one printed, within 3% (round
    capitals overshoot); the table is printed with -s or on failure."""
    lines, wrong = [], []
    for name, campaign in rules.corpus().items():
        for lang in campaign.languages():
            for landscape in (False, True):
                for slogan, planned, ink in rules.cap_heights(name, lang, landscape):
                    lines.append(f"{name:26} {lang:3} {'landscape' if landscape else 'portrait ':9} "
                                 f"{planned:5.1f} mm (printed {ink:4.1f})  {' '.join(slogan.split())}")
                    if ink and not 0.99 <= ink / planned <= 1.03:
                        wrong.append(lines[-1])
    print("\n".join(lines))
    assert not wrong, "planned and printed capital heights differ:\n" + "\n".join(wrong)


def _prisoners_param(campaign: str):
    reason = EXPECTED_FAILURES.get(("placard_capitals", campaign, "placard", "A3", "ru"))
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(campaign, id=campaign, marks=marks)


@pytest.mark.parametrize("campaign", [_prisoners_param(name) for name in PRISONERS_CAMPAIGNS])
def test_russian_prisoners_placard_reads_from_afar(campaign: str):
    """"Свободу всем политзаключённым!" on an A3 placard has capitals of at least 30 mm, in the
    better of the two orientations (the layout does not choose one itself)."""
    heights = {}
    for landscape in (False, True):
        found = [planned for slogan, planned, _ in rules.cap_heights(campaign, "ru", landscape)
                 if " ".join(slogan.split()) == PRISONERS]
        assert found, f"{campaign} has no placard of {PRISONERS!r}"
        heights["landscape" if landscape else "portrait"] = found[0]
    assert max(heights.values()) >= MIN_PRISONERS_CAP_MM, (
        f"{PRISONERS!r} on A3: capitals of {heights['portrait']:.1f} mm portrait, {heights['landscape']:.1f} mm "
        f"landscape; at least {MIN_PRISONERS_CAP_MM:g} mm")
